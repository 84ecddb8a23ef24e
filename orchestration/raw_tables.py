"""The raw layer's two DuckDB tables, and replacing one document's rows in them.

raw.report_cells holds every extracted cell; raw.source_documents holds one row
per document read, loaded or failed, so a failure stays visible in SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import datetime

import duckdb
import pandas as pd

from extract.records import Cell, DocumentResult

SCHEMA = "raw"
CELLS_TABLE = f"{SCHEMA}.report_cells"
DOCUMENTS_TABLE = f"{SCHEMA}.source_documents"

_DUCKDB_TYPES = {"str": "VARCHAR", "int": "INTEGER", "float": "DOUBLE"}


def _cell_column_types() -> dict[str, str]:
    """DuckDB types from Cell's annotations, so the table follows extract.records."""
    types: dict[str, str] = {}
    for f in fields(Cell):
        base = str(f.type).split("|")[0].strip()
        if base not in _DUCKDB_TYPES:
            raise TypeError(f"Cell.{f.name} has type {f.type!r}, which has no DuckDB column type here")
        types[f.name] = _DUCKDB_TYPES[base]
    return types


CELL_COLUMN_TYPES: dict[str, str] = {**_cell_column_types(), "loaded_at": "TIMESTAMP"}

# The keys of DocumentResult.status_row(), plus when the row was written.
DOCUMENT_COLUMN_TYPES: dict[str, str] = {
    "document": "VARCHAR",
    "path": "VARCHAR",
    "sha256": "VARCHAR",
    "family": "VARCHAR",
    "council": "VARCHAR",
    "edition": "VARCHAR",
    "title": "VARCHAR",
    "pages": "INTEGER",
    "cells": "INTEGER",
    "status": "VARCHAR",
    "error": "VARCHAR",
    "warnings": "VARCHAR",
    "loaded_at": "TIMESTAMP",
}


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema and tables, adding columns that extract.records has gained.

    Rows loaded before a new column existed keep NULL in it until their document is
    loaded again. A column the code no longer writes is refused: dbt would read it stale.
    """
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    for table, columns in ((CELLS_TABLE, CELL_COLUMN_TYPES), (DOCUMENTS_TABLE, DOCUMENT_COLUMN_TYPES)):
        ddl = ", ".join(f'"{name}" {kind}' for name, kind in columns.items())
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")
        found = [
            row[0]
            for row in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
                table.split("."),
            ).fetchall()
        ]
        unknown = sorted(set(found) - set(columns))
        if unknown:
            raise RuntimeError(
                f"{table} in the warehouse has columns this code does not write: {unknown}. "
                f"Drop the table (the raw layer is rebuilt from the landing folder) or drop those columns."
            )
        for name in columns:
            if name not in found:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {columns[name]}')


def replace_documents(
    con: duckdb.DuckDBPyConnection, results: Sequence[DocumentResult], loaded_at: datetime
) -> None:
    """Replace each document's rows in both tables, all in one transaction.

    A reader of the warehouse sees either the previous load or this one, never
    a document with half its cells.
    """
    ensure_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        for result in results:
            con.execute(f"DELETE FROM {CELLS_TABLE} WHERE document = ?", [result.document])
            con.execute(f"DELETE FROM {DOCUMENTS_TABLE} WHERE document = ?", [result.document])
        _insert(con, DOCUMENTS_TABLE, DOCUMENT_COLUMN_TYPES, [r.status_row() for r in results], loaded_at)
        _insert(con, CELLS_TABLE, CELL_COLUMN_TYPES, [c.as_row() for r in results for c in r.cells], loaded_at)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, str],
    rows: list[dict],
    loaded_at: datetime,
) -> None:
    if not rows:
        return
    names = [name for name in columns if name != "loaded_at"]
    frame = pd.DataFrame.from_records(rows, columns=names)
    frame["loaded_at"] = loaded_at
    con.register("incoming_rows", frame)
    try:
        casts = ", ".join(f'CAST("{name}" AS {kind}) AS "{name}"' for name, kind in columns.items())
        con.execute(f"INSERT INTO {table} BY NAME SELECT {casts} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
