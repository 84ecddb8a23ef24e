"""The raw layer's DuckDB tables, and storing or retiring one document's rows in them.

raw.report_cells holds every extracted cell; raw.source_documents one row per
document: the version whose cells are in the warehouse, or, for a document that
never loaded, its failed attempt. raw.load_errors holds the problems of each
document's latest attempt (errors and extraction warnings), and
raw.retired_documents the documents an engineer took out of the warehouse.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime

import duckdb
import pandas as pd

from extract.records import Cell, DocumentResult

SCHEMA = "raw"
CELLS_TABLE = f"{SCHEMA}.report_cells"
DOCUMENTS_TABLE = f"{SCHEMA}.source_documents"
LOAD_ERRORS_TABLE = f"{SCHEMA}.load_errors"
RETIRED_TABLE = f"{SCHEMA}.retired_documents"

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

LOAD_ERROR_COLUMN_TYPES: dict[str, str] = {
    "document": "VARCHAR",
    "sha256": "VARCHAR",  # of the file attempted, which may not be the version loaded
    "severity": "VARCHAR",  # 'error': the document did not load; 'warning': it loaded, see message
    "message": "VARCHAR",
    "run_id": "VARCHAR",  # the Dagster run that made the attempt
    "recorded_at": "TIMESTAMP",
}

RETIRED_COLUMN_TYPES: dict[str, str] = {
    "document": "VARCHAR",
    "sha256": "VARCHAR",
    "family": "VARCHAR",
    "cells": "INTEGER",
    "run_id": "VARCHAR",
    "retired_at": "TIMESTAMP",
}

TABLES: dict[str, Mapping[str, str]] = {
    CELLS_TABLE: CELL_COLUMN_TYPES,
    DOCUMENTS_TABLE: DOCUMENT_COLUMN_TYPES,
    LOAD_ERRORS_TABLE: LOAD_ERROR_COLUMN_TYPES,
    RETIRED_TABLE: RETIRED_COLUMN_TYPES,
}


class Outcome(enum.StrEnum):
    """What storing one extraction did to the warehouse."""

    ADDED = "added"  # first version of the document
    REPLACED = "replaced"  # its rows differ from those stored: the old ones were replaced
    UNCHANGED = "unchanged"  # same file, same cells: nothing written
    FAILED = "failed"  # not readable, and no version loaded before: recorded as failed
    FAILED_KEPT_PREVIOUS = "failed, previous version kept"  # not readable; the loaded version stays
    HELD_BACK = "held back"  # a copy of a document loaded under another name: only its warning stored


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema and tables, adding columns that the code has gained.

    Rows written before a new column existed keep NULL in it until their document is
    loaded again. A column the code no longer writes is refused: dbt would read it stale.
    """
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    for table, columns in TABLES.items():
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


def problem_rows(result: DocumentResult) -> list[dict]:
    """The document's raw.load_errors rows: its error, or its warnings."""
    if not result.ok:
        message = result.error or ""
        if not message.startswith(result.document):
            message = f"{result.document}: {message}"
        return [{"document": result.document, "sha256": result.sha256, "severity": "error", "message": message}]
    return [
        {"document": result.document, "sha256": result.sha256, "severity": "warning", "message": warning}
        for warning in result.warnings
    ]


def store_document(
    con: duckdb.DuckDBPyConnection,
    result: DocumentResult,
    loaded_at: datetime,
    run_id: str,
    held_back: bool = False,
) -> Outcome:
    """Store one extraction, in one transaction, touching no other document's rows.

    Loading the same file again writes nothing (the rows and their loaded_at stay as
    they were). A changed file's rows replace the old ones. A file that cannot be read
    never deletes facts: the version already loaded stays until the document is retired.
    A document held back (orchestration.admission: a copy of one loaded under another name)
    stores nothing but its warnings. Either way the document's raw.load_errors rows become
    this attempt's problems.
    """
    ensure_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        before = _stored_status(con, result.document)
        if held_back:
            outcome = Outcome.HELD_BACK
        elif not result.ok and before == "loaded":
            outcome = Outcome.FAILED_KEPT_PREVIOUS
        else:
            written = before is None or not _same_rows(con, result)
            if written:
                _replace_document_rows(con, result, loaded_at)
            if not result.ok:
                outcome = Outcome.FAILED
            elif before is None:
                outcome = Outcome.ADDED
            else:
                outcome = Outcome.REPLACED if written else Outcome.UNCHANGED
        _replace_problems(con, result, loaded_at, run_id)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return outcome


@dataclass(frozen=True)
class RetiredDocument:
    """A document taken out of the warehouse, and what it held."""

    document: str
    sha256: str | None
    family: str | None
    cells: int


def retire_document(
    con: duckdb.DuckDBPyConnection, document: str, retired_at: datetime, run_id: str
) -> RetiredDocument | None:
    """Delete a document's cells, status and problems, and record its retirement; None if unknown."""
    ensure_tables(con)
    con.execute("BEGIN TRANSACTION")
    try:
        row = _first(con.execute(f"SELECT sha256, family FROM {DOCUMENTS_TABLE} WHERE document = ?", [document]))
        problems = con.execute(
            f"SELECT count(*) FROM {LOAD_ERRORS_TABLE} WHERE document = ?", [document]
        ).fetchall()[0][0]
        if row is None and not problems:
            con.execute("ROLLBACK")
            return None
        cells = con.execute(f"SELECT count(*) FROM {CELLS_TABLE} WHERE document = ?", [document]).fetchall()[0][0]
        for table in (CELLS_TABLE, DOCUMENTS_TABLE, LOAD_ERRORS_TABLE):
            con.execute(f"DELETE FROM {table} WHERE document = ?", [document])
        retired = RetiredDocument(document, row[0] if row else None, row[1] if row else None, cells)
        _insert(
            con,
            RETIRED_TABLE,
            RETIRED_COLUMN_TYPES,
            [{"document": document, "sha256": retired.sha256, "family": retired.family, "cells": cells,
              "run_id": run_id}],
            {"retired_at": retired_at},
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return retired


def _first(cursor: duckdb.DuckDBPyConnection) -> tuple | None:
    """The first row of a result, read to the end (DuckDB 2 refuses other work while a result is unread)."""
    rows = cursor.fetchall()
    return rows[0] if rows else None


def _stored_status(con: duckdb.DuckDBPyConnection, document: str) -> str | None:
    """'loaded' or 'failed' for a document in raw.source_documents, None for a new one."""
    row = _first(con.execute(f"SELECT status FROM {DOCUMENTS_TABLE} WHERE document = ?", [document]))
    return row[0] if row else None


def _same_rows(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> bool:
    """Whether the stored rows of the document are exactly this result's (loaded_at aside)."""
    return _same_as_stored(
        con, DOCUMENTS_TABLE, DOCUMENT_COLUMN_TYPES, [result.status_row()], result.document
    ) and _same_as_stored(con, CELLS_TABLE, CELL_COLUMN_TYPES, [c.as_row() for c in result.cells], result.document)


def _same_as_stored(
    con: duckdb.DuckDBPyConnection, table: str, columns: Mapping[str, str], rows: list[dict], document: str
) -> bool:
    """The stored rows of the document and `rows` are equal as multisets, NULLs equal to NULLs."""
    names = [name for name in columns if name not in ("loaded_at", "recorded_at", "run_id")]
    quoted = ", ".join(f'"{name}"' for name in names)
    with _registered(con, pd.DataFrame.from_records(rows, columns=names)) as incoming:
        if incoming is None:
            stored = con.execute(f"SELECT count(*) FROM {table} WHERE document = ?", [document]).fetchall()[0][0]
            return stored == 0
        casts = ", ".join(f'CAST("{name}" AS {columns[name]}) AS "{name}"' for name in names)
        differing = con.execute(
            f"SELECT count(*) FROM ("
            f"(SELECT {quoted} FROM {table} WHERE document = ? EXCEPT ALL SELECT {casts} FROM {incoming}) "
            f"UNION ALL "
            f"(SELECT {casts} FROM {incoming} EXCEPT ALL SELECT {quoted} FROM {table} WHERE document = ?))",
            [document, document],
        ).fetchall()[0][0]
    return differing == 0


def _replace_document_rows(con: duckdb.DuckDBPyConnection, result: DocumentResult, loaded_at: datetime) -> None:
    con.execute(f"DELETE FROM {CELLS_TABLE} WHERE document = ?", [result.document])
    con.execute(f"DELETE FROM {DOCUMENTS_TABLE} WHERE document = ?", [result.document])
    _insert(con, DOCUMENTS_TABLE, DOCUMENT_COLUMN_TYPES, [result.status_row()], {"loaded_at": loaded_at})
    _insert(con, CELLS_TABLE, CELL_COLUMN_TYPES, [c.as_row() for c in result.cells], {"loaded_at": loaded_at})


def _replace_problems(
    con: duckdb.DuckDBPyConnection, result: DocumentResult, recorded_at: datetime, run_id: str
) -> None:
    """This attempt's problems replace the document's earlier ones, unless they are the same."""
    problems = problem_rows(result)
    if _same_as_stored(con, LOAD_ERRORS_TABLE, LOAD_ERROR_COLUMN_TYPES, problems, result.document):
        return
    con.execute(f"DELETE FROM {LOAD_ERRORS_TABLE} WHERE document = ?", [result.document])
    _insert(
        con,
        LOAD_ERRORS_TABLE,
        LOAD_ERROR_COLUMN_TYPES,
        [{**p, "run_id": run_id} for p in problems],
        {"recorded_at": recorded_at},
    )


class _registered:
    """A frame as a temporary DuckDB view for the duration; None for no rows."""

    _NAME = "incoming_rows"

    def __init__(self, con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
        self.con, self.frame = con, frame

    def __enter__(self) -> str | None:
        if self.frame.empty:
            return None
        self.con.register(self._NAME, self.frame)
        return self._NAME

    def __exit__(self, *exc: object) -> None:
        if not self.frame.empty:
            self.con.unregister(self._NAME)


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, str],
    rows: list[dict],
    constants: Mapping[str, object],
) -> None:
    """Insert rows (dicts keyed by column) with the same `constants` (e.g. loaded_at) on each."""
    if not rows:
        return
    names = [name for name in columns if name not in constants]
    frame = pd.DataFrame.from_records(rows, columns=names)
    for name, value in constants.items():
        frame[name] = value
    with _registered(con, frame) as incoming:
        casts = ", ".join(f'CAST("{name}" AS {kind}) AS "{name}"' for name, kind in columns.items())
        con.execute(f"INSERT INTO {table} BY NAME SELECT {casts} FROM {incoming}")
