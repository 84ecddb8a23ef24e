"""Publishing the marts where analysts can read them while the next load runs.

DuckDB lets one process write a file and, while it writes, nobody else open it: an
analyst connected to the warehouse would block loads, and a load would lock out
analysts. So after each successful build the marts are copied out:

* into a serving database (CSC_SERVING_DB, default serving.duckdb beside the
  warehouse), written in full under a temporary name in the same folder and then
  renamed over the old one with os.replace, which is atomic: a reader opens either
  the old file or the new one, never a half-written one, and a reader already
  connected keeps reading the old file until it reconnects;
* as one Parquet file per mart (CSC_PARQUET_DIR, default parquet/ beside the
  warehouse), each written aside and renamed into place the same way.

The serving database also holds `main.publication`: when, by which run, and how
many rows each mart had, so a reader can tell which build it is looking at. Each
mart keeps the table and column comments dbt wrote from the models' descriptions
(persist_docs), so `DESCRIBE` and duckdb_columns() explain it to the analyst.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.warehouse_lock import connect

MARTS_SCHEMA = "marts"
PUBLICATION_TABLE = "main.publication"


@dataclass(frozen=True)
class Publication:
    """What one publish wrote."""

    serving_db: Path
    parquet_dir: Path
    rows: dict[str, int]  # rows per mart table
    run_id: str
    published_at: datetime


def mart_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    """Tables and views in the marts schema of an attached database, by name."""
    return [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = ? AND table_schema = ? "
            "ORDER BY table_name",
            [catalog, MARTS_SCHEMA],
        ).fetchall()
    ]


def publish_marts(warehouse: Path, serving_db: Path, parquet_dir: Path, run_id: str) -> Publication:
    """Copy every mart of the warehouse to the serving database and to Parquet, swapping each in atomically."""
    serving_db.parent.mkdir(parents=True, exist_ok=True)
    parquet_dir.mkdir(parents=True, exist_ok=True)
    pending_db = serving_db.with_name(f".{serving_db.name}.{os.getpid()}.publishing")
    pending_parquet = parquet_dir / f".publishing-{os.getpid()}"
    for leftover in (pending_db, pending_db.with_name(pending_db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(pending_parquet, ignore_errors=True)
    pending_parquet.mkdir()
    published_at = datetime.now(timezone.utc).replace(tzinfo=None)
    try:
        rows = _write_serving_copy(warehouse, pending_db, pending_parquet, run_id, published_at)
        os.chmod(pending_db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # read-only: analysts cannot write it
        os.replace(pending_db, serving_db)
        for table in rows:
            os.replace(pending_parquet / f"{table}.parquet", parquet_dir / f"{table}.parquet")
        for stale in parquet_dir.glob("*.parquet"):
            if stale.stem not in rows:  # a mart dropped from the dbt project
                stale.unlink()
    finally:
        pending_db.unlink(missing_ok=True)
        shutil.rmtree(pending_parquet, ignore_errors=True)
    return Publication(serving_db, parquet_dir, rows, run_id, published_at)


def _write_serving_copy(
    warehouse: Path, target: Path, parquet: Path, run_id: str, published_at: datetime
) -> dict[str, int]:
    """Fill a new DuckDB file (and Parquet folder) with the warehouse's marts; return rows per table."""
    # The warehouse is opened on its own first, waiting for any writer, then attached read-only.
    connect(warehouse, read_only=True).close()
    rows: dict[str, int] = {}
    with duckdb.connect(str(target)) as con:
        con.execute("ATTACH ? AS warehouse (READ_ONLY)", [str(warehouse)])
        con.execute(f"CREATE SCHEMA {MARTS_SCHEMA}")
        for table in mart_tables(con, "warehouse"):
            con.execute(f'CREATE TABLE {MARTS_SCHEMA}."{table}" AS SELECT * FROM warehouse.{MARTS_SCHEMA}."{table}"')
            copy_comments(con, "warehouse", table)
            rows[table] = con.execute(f'SELECT count(*) FROM {MARTS_SCHEMA}."{table}"').fetchall()[0][0]
            con.execute(f'COPY {MARTS_SCHEMA}."{table}" TO ? (FORMAT parquet)', [str(parquet / f"{table}.parquet")])
        con.execute("DETACH warehouse")
        con.execute(
            f"CREATE TABLE {PUBLICATION_TABLE} "
            "(run_id VARCHAR, published_at TIMESTAMP, table_name VARCHAR, row_count BIGINT)"
        )
        _comment(con, f"TABLE {PUBLICATION_TABLE}", PUBLICATION_COMMENTS["table"])
        for column in ("run_id", "published_at", "table_name", "row_count"):
            _comment(con, f"COLUMN {PUBLICATION_TABLE}.{column}", PUBLICATION_COMMENTS[column])
        con.executemany(
            f"INSERT INTO {PUBLICATION_TABLE} VALUES (?, ?, ?, ?)",
            [(run_id, published_at, table, count) for table, count in rows.items()],
        )
        con.execute("CHECKPOINT")
    return rows


PUBLICATION_COMMENTS = {
    "table": "Which build this serving copy holds: one row per mart.",
    "run_id": "The Dagster run (build_marts) that published this copy.",
    "published_at": "When it was published (UTC).",
    "table_name": "A mart of the schema marts.",
    "row_count": "Rows the mart had when published.",
}


def _comment(con: duckdb.DuckDBPyConnection, target: str, text: str) -> None:
    # COMMENT ON takes no parameters: the text goes in as a quoted literal.
    con.execute(f"COMMENT ON {target} IS '{text.replace(chr(39), chr(39) * 2)}'")


def copy_comments(con: duckdb.DuckDBPyConnection, source_catalog: str, table: str) -> None:
    """Give the serving copy's marts.<table> the table and column comments it has in the source."""
    described = con.execute(
        "SELECT comment FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND table_name = ? "
        "UNION ALL SELECT comment FROM duckdb_views() WHERE database_name = ? AND schema_name = ? AND view_name = ?",
        [source_catalog, MARTS_SCHEMA, table] * 2,
    ).fetchall()
    if described and described[0][0]:
        _comment(con, f'TABLE {MARTS_SCHEMA}."{table}"', described[0][0])
    columns = con.execute(
        "SELECT column_name, comment FROM duckdb_columns() "
        "WHERE database_name = ? AND schema_name = ? AND table_name = ? AND comment IS NOT NULL AND comment <> ''",
        [source_catalog, MARTS_SCHEMA, table],
    ).fetchall()
    for column, text in columns:
        quoted = column.replace('"', '""')
        _comment(con, f'COLUMN {MARTS_SCHEMA}."{table}"."{quoted}"', text)
