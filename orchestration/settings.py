"""Where the warehouse reads and writes, from environment variables.

Defaults are relative to the repository root, so a fresh clone runs on the
bundled sample reports without any configuration.
"""

from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource

REPO_ROOT = Path(__file__).resolve().parents[1]

DEFAULTS: dict[str, str] = {
    "CSC_LANDING_DIR": "data/sample_reports",
    "CSC_WAREHOUSE": "data/warehouse/warehouse.duckdb",
    "CSC_OUTPUT_DIR": "data/output",
}


def resolve(value: str | os.PathLike[str]) -> Path:
    """An absolute path; a relative one is taken from the repository root, wherever Dagster runs."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


class WarehouseSettings(ConfigurableResource):
    """The landing folder of source PDFs, the DuckDB warehouse file and the output folder."""

    landing_dir: str
    warehouse: str
    output_dir: str

    @classmethod
    def from_env(cls) -> "WarehouseSettings":
        """Read CSC_LANDING_DIR, CSC_WAREHOUSE and CSC_OUTPUT_DIR, falling back to DEFAULTS."""
        value = {name: str(resolve(os.environ.get(name) or default)) for name, default in DEFAULTS.items()}
        return cls(
            landing_dir=value["CSC_LANDING_DIR"],
            warehouse=value["CSC_WAREHOUSE"],
            output_dir=value["CSC_OUTPUT_DIR"],
        )

    @property
    def landing_path(self) -> Path:
        return resolve(self.landing_dir)

    @property
    def warehouse_path(self) -> Path:
        return resolve(self.warehouse)

    @property
    def output_path(self) -> Path:
        return resolve(self.output_dir)

    def as_env(self) -> dict[str, str]:
        """The same settings as environment variables, for dbt's profile and models to read."""
        return {
            "CSC_LANDING_DIR": str(self.landing_path),
            "CSC_WAREHOUSE": str(self.warehouse_path),
            "CSC_OUTPUT_DIR": str(self.output_path),
        }
