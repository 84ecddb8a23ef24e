"""Shared set-up: no telemetry, the bundled sample reports, and settings that point at tmp folders."""

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

# Before Dagster or dbt are imported: nothing may phone home during tests.
os.environ["DO_NOT_TRACK"] = "1"
os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
os.environ["DAGSTER_DISABLE_TELEMETRY"] = "1"

from orchestration.settings import REPO_ROOT, WarehouseSettings  # noqa: E402

SAMPLE_REPORTS = REPO_ROOT / "data" / "sample_reports"


def _copy_sample(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copyfile(SAMPLE_REPORTS / name, target)
    return target


@pytest.fixture
def copy_sample() -> Callable[[str, Path], Path]:
    """Copies a bundled sample report into a folder, writable like a landed file."""
    return _copy_sample


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing"
    folder.mkdir()
    return folder


@pytest.fixture
def tmp_settings(tmp_path: Path, landing: Path) -> WarehouseSettings:
    """Landing folder, warehouse and outputs all under this test's tmp_path."""
    return WarehouseSettings(
        landing_dir=str(landing),
        warehouse=str(tmp_path / "warehouse" / "warehouse.duckdb"),
        output_dir=str(tmp_path / "output"),
    )


def settings_with_landing(root: Path, samples: tuple[str, ...], broken: str | None = None) -> WarehouseSettings:
    """Settings under root with these sample reports landed (and a file named `broken` that is no PDF)."""
    settings = WarehouseSettings(
        landing_dir=str(root / "landing"),
        warehouse=str(root / "warehouse" / "warehouse.duckdb"),
        output_dir=str(root / "output"),
    )
    settings.landing_path.mkdir()
    for name in samples:
        _copy_sample(name, settings.landing_path)
    if broken:
        (settings.landing_path / broken).write_text("Contacts,26618\n")
    return settings
