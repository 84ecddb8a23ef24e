"""Reading the scorecards' inputs from the DuckDB warehouse, read-only.

Read-only, so rendering can never change the warehouse, and so a scorecard
run can share the file with other readers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from scorecards.records import SCORECARD_COLUMNS, TREND_COLUMNS

SCORECARD_TABLE = "marts.fct_scorecard"
TREND_TABLE = "marts.fct_indicator_value"
ORG_UNIT_TABLE = "marts.dim_org_unit"

# One value per indicator, org unit and period (of every kind: the sparkline of a rolling rate is
# drawn from rolling values), the value of the newest edition that printed it.
TREND_SQL = """
SELECT council, org_unit_code, indicator_code, period_type, period_end, value
FROM marts.fct_indicator_value
WHERE is_latest
  AND value IS NOT NULL
ORDER BY council, org_unit_code, indicator_code, period_type, period_end
"""


class WarehouseNotReady(RuntimeError):
    """The warehouse file or a mart the scorecards read does not exist yet."""


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection; the caller may open it some other way (waiting for a writer's lock)."""
    require_warehouse(path)
    return duckdb.connect(str(path), read_only=True)


def require_warehouse(path: Path) -> None:
    if not path.exists():
        raise WarehouseNotReady(f"No warehouse at {path}: load the reports and build the dbt models first.")


def _table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, table = qualified.split(".")
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def read_scorecard(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every row of marts.fct_scorecard, with the columns the renderers need (others kept).

    In a fixed order: each scorecard's inputs fingerprint (inputs.py) follows its rows' order.
    """
    if not _table_exists(con, SCORECARD_TABLE):
        raise WarehouseNotReady(f"{SCORECARD_TABLE} is not in the warehouse: build the dbt models first.")
    if _table_exists(con, ORG_UNIT_TABLE):
        # The grid's column order and district groupings (CSC East, ...) come from the org-unit seed.
        frame = con.execute(
            f"SELECT s.*, o.sort_order AS org_unit_sort_order, o.parent_org_unit_name "
            f"FROM {SCORECARD_TABLE} AS s LEFT JOIN {ORG_UNIT_TABLE} AS o USING (org_unit_code) "
            "ORDER BY ALL"
        ).df()
    else:
        frame = con.execute(f"SELECT * FROM {SCORECARD_TABLE} ORDER BY ALL").df()
    absent = [c for c in SCORECARD_COLUMNS if c not in frame.columns]
    if absent:
        raise WarehouseNotReady(f"{SCORECARD_TABLE} lacks columns {absent}")
    return frame


def read_trend(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every period's value for the sparklines; an empty frame (no sparklines) if the mart is absent."""
    if not _table_exists(con, TREND_TABLE):
        return pd.DataFrame(columns=[*TREND_COLUMNS, "period_type"])
    return con.execute(TREND_SQL).df()
