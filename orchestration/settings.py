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
# What analysts read sits beside the warehouse unless these say otherwise, so a warehouse
# moved with CSC_WAREHOUSE takes its serving copies with it.
BESIDE_WAREHOUSE: dict[str, str] = {
    "CSC_SERVING_DB": "serving.duckdb",
    "CSC_PARQUET_DIR": "parquet",
}


DAGSTER_PORT_DEFAULT = "3000"


def dagster_ui_url(path: str = "") -> str:
    """Where `make dev` serves Dagster's UI: port DAGSTER_PORT (the Makefile's variable, default 3000)."""
    return f"http://127.0.0.1:{os.environ.get('DAGSTER_PORT') or DAGSTER_PORT_DEFAULT}{path}"


def resolve(value: str | os.PathLike[str]) -> Path:
    """An absolute path; a relative one is taken from the repository root, wherever Dagster runs."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


class WarehouseSettings(ConfigurableResource):
    """The landing folder of source PDFs, the DuckDB warehouse, its read-only serving copies, the outputs."""

    landing_dir: str
    warehouse: str
    output_dir: str
    serving_db: str = ""
    parquet_dir: str = ""

    @classmethod
    def from_env(cls) -> "WarehouseSettings":
        """Read the CSC_* variables of DEFAULTS and BESIDE_WAREHOUSE, falling back to the defaults."""
        value = {name: str(resolve(os.environ.get(name) or default)) for name, default in DEFAULTS.items()}
        return cls(
            landing_dir=value["CSC_LANDING_DIR"],
            warehouse=value["CSC_WAREHOUSE"],
            output_dir=value["CSC_OUTPUT_DIR"],
            serving_db=os.environ.get("CSC_SERVING_DB", ""),
            parquet_dir=os.environ.get("CSC_PARQUET_DIR", ""),
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

    @property
    def serving_path(self) -> Path:
        """The read-only copy of the marts that analysts and BI tools open."""
        if self.serving_db:
            return resolve(self.serving_db)
        return self.warehouse_path.with_name(BESIDE_WAREHOUSE["CSC_SERVING_DB"])

    @property
    def parquet_path(self) -> Path:
        """The folder of one Parquet file per mart."""
        if self.parquet_dir:
            return resolve(self.parquet_dir)
        return self.warehouse_path.with_name(BESIDE_WAREHOUSE["CSC_PARQUET_DIR"])

    def as_env(self) -> dict[str, str]:
        """The same settings as environment variables, for dbt's profile and models to read."""
        return {
            "CSC_LANDING_DIR": str(self.landing_path),
            "CSC_WAREHOUSE": str(self.warehouse_path),
            "CSC_OUTPUT_DIR": str(self.output_path),
            "CSC_SERVING_DB": str(self.serving_path),
            "CSC_PARQUET_DIR": str(self.parquet_path),
        }
