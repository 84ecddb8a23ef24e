"""`cli export`: marts as CSV, Parquet or an Excel workbook, for analysts without SQL.

Reads the serving copy (read-only; never waits for a load). Filters pick rows by
council, period or indicator, each on the columns a mart has for it; a mart with
no such column is refused rather than exported whole. A workbook holds one sheet
per mart and a sheet of provenance: which build it came from, the filters, the
rows per sheet, the source documents behind them, and what every column means.
Text that a spreadsheet would run as a formula is written as text (extract.csv_text).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from extract.csv_text import neutralise_formula
from orchestration.serving import MARTS_SCHEMA, PUBLICATION_TABLE, mart_tables

FORMATS = ("csv", "parquet", "xlsx")
EXCEL_MAX_ROWS = 1_048_576  # a worksheet's rows, the header included
PROVENANCE_SHEET = "provenance"
BATCH = 10_000


class ExportError(ValueError):
    """An export that cannot be made as asked: the reason names the mart, filter or file."""


@dataclass(frozen=True)
class Filters:
    """Rows to keep: any of the values of each filter given, all filters together."""

    councils: Sequence[str] = ()
    periods: Sequence[str] = ()
    indicators: Sequence[str] = ()

    def describe(self) -> str:
        given = [
            f"{name} {', '.join(values)}"
            for name, values in (("council", self.councils), ("period", self.periods), ("indicator", self.indicators))
            if values
        ]
        return "; ".join(given) or "none (every row)"


@dataclass(frozen=True)
class MartQuery:
    """The SQL that selects one mart's exported rows."""

    mart: str
    sql: str
    parameters: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Export:
    """One file written and the rows of each mart in it."""

    path: Path
    rows: dict[str, int]


def _lower(values: Sequence[str]) -> list[str]:
    return [v.strip().lower() for v in values]


def mart_query(mart: str, columns: Sequence[str], filters: Filters) -> MartQuery:
    """SELECT * of the mart with the filters on the columns it has; ExportError if it has none for one."""
    present = set(columns)
    conditions: list[str] = []
    parameters: list[str] = []

    def any_of(name: str, values: Sequence[str], tests: list[tuple[str, str]]) -> None:
        usable = [(column, test) for column, test in tests if column in present]
        if not values:
            return
        if not usable:
            wanted = " or ".join(sorted({column for column, _ in tests}))
            raise ExportError(f"marts.{mart} has no {wanted} column, so it cannot be filtered by {name}")
        alternatives = []
        for _column, test in usable:
            alternatives.append("(" + " or ".join(test for _ in values) + ")")
            parameters.extend(_lower(values))
        conditions.append("(" + " or ".join(alternatives) + ")")

    any_of("council", filters.councils, [
        ("council", "lower(council) = ?"),
        ("council_org_unit_code", "lower(council_org_unit_code) = ?"),
    ])
    any_of("period", filters.periods, [
        ("period_key", "lower(period_key) = ?"),
        ("period_label", "lower(period_label) = ?"),
        ("period_end", "starts_with(strftime(period_end, '%Y-%m-%d'), ?)"),
    ])
    any_of("indicator", filters.indicators, [("indicator_code", "lower(indicator_code) = ?")])
    where = f" where {' and '.join(conditions)}" if conditions else ""
    return MartQuery(mart, f'select * from {MARTS_SCHEMA}."{mart}"{where}', parameters)


def _columns(con: duckdb.DuckDBPyConnection, mart: str) -> list[tuple[str, str | None]]:
    return con.execute(
        "select column_name, comment from duckdb_columns() "
        "where database_name = current_database() and schema_name = ? and table_name = ? order by column_index",
        [MARTS_SCHEMA, mart],
    ).fetchall()


def _cell(value: object) -> object:
    """A value as a spreadsheet cell: lists joined, structures as JSON, text neutralised."""
    if isinstance(value, list | tuple):
        value = "; ".join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, default=str)
    elif isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return neutralise_formula(value)


def _batches(con: duckdb.DuckDBPyConnection, query: MartQuery) -> Iterator[list[tuple]]:
    result = con.execute(query.sql, query.parameters)
    while batch := result.fetchmany(BATCH):
        yield batch


def _available(con: duckdb.DuckDBPyConnection) -> list[str]:
    return mart_tables(con, con.execute("select current_database()").fetchall()[0][0])


def _marts_asked(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> list[str]:
    available = _available(con)
    asked = [name.removeprefix(f"{MARTS_SCHEMA}.") for name in names]
    unknown = [name for name in asked if name not in available]
    if unknown:
        raise ExportError(f"no mart named {', '.join(unknown)}; the marts are {', '.join(available)}")
    return list(dict.fromkeys(asked))


def export_marts(
    serving_db: Path, marts: Sequence[str], fmt: str, out_dir: Path, filters: Filters = Filters()
) -> list[Export]:
    """Write the marts, filtered, into out_dir: <mart>.csv or <mart>.parquet each, or one workbook."""
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if not serving_db.is_file():
        raise ExportError(f"no serving copy at {serving_db}: load the reports first (make demo, or cli load)")
    out_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(serving_db), read_only=True) as con:
        names = _marts_asked(con, marts)
        queries = [mart_query(name, [c for c, _ in _columns(con, name)], filters) for name in names]
        if fmt == "xlsx":
            name = names[0] if len(names) == 1 else "marts"
            return [write_workbook(con, queries, out_dir / f"{name}.xlsx", serving_db, filters)]
        return [(write_csv if fmt == "csv" else write_parquet)(con, query, out_dir) for query in queries]


def write_csv(con: duckdb.DuckDBPyConnection, query: MartQuery, out_dir: Path) -> Export:
    target = out_dir / f"{query.mart}.csv"
    pending = target.with_name(f".{target.name}.writing")
    rows = 0
    with pending.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(c for c, _ in _columns(con, query.mart))
        for batch in _batches(con, query):
            writer.writerows([_cell(v) for v in row] for row in batch)
            rows += len(batch)
    os.replace(pending, target)
    return Export(target, {query.mart: rows})


def write_parquet(con: duckdb.DuckDBPyConnection, query: MartQuery, out_dir: Path) -> Export:
    target = out_dir / f"{query.mart}.parquet"
    pending = target.with_name(f".{target.name}.writing")
    con.execute(f"copy ({query.sql}) to '{_quoted(pending)}' (format parquet)", query.parameters)
    os.replace(pending, target)
    rows = con.execute(f"select count(*) from read_parquet('{_quoted(target)}')").fetchall()[0][0]
    return Export(target, {query.mart: rows})


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def write_workbook(
    con: duckdb.DuckDBPyConnection, queries: Sequence[MartQuery], target: Path, serving_db: Path, filters: Filters
) -> Export:
    """One sheet per mart (its name), then the provenance sheet."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def excel(value: object) -> object:
        value = _cell(value)
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    for query in queries:
        count = con.execute(f"select count(*) from ({query.sql})", query.parameters).fetchall()[0][0]
        if count + 1 > EXCEL_MAX_ROWS:
            raise ExportError(
                f"marts.{query.mart} has {count:,} rows to export, more than an Excel sheet holds "
                f"({EXCEL_MAX_ROWS - 1:,}): filter it, or export CSV or Parquet"
            )
    book = Workbook(write_only=True)
    rows: dict[str, int] = {}
    for query in queries:
        sheet = book.create_sheet(query.mart[:31])
        sheet.append([c for c, _ in _columns(con, query.mart)])
        rows[query.mart] = 0
        for batch in _batches(con, query):
            for row in batch:
                sheet.append([excel(v) for v in row])
            rows[query.mart] += len(batch)
    sheet = book.create_sheet(PROVENANCE_SHEET)
    for line in provenance_rows(con, queries, rows, serving_db, filters):
        sheet.append([excel(v) for v in line])
    pending = target.with_name(f".{target.name}.writing")
    book.save(pending)
    os.replace(pending, target)
    return Export(target, rows)


def provenance_rows(
    con: duckdb.DuckDBPyConnection,
    queries: Sequence[MartQuery],
    rows: dict[str, int],
    serving_db: Path,
    filters: Filters,
) -> list[list[object]]:
    """Where the workbook's rows come from, as the lines of the provenance sheet."""
    published = con.execute(f"select max(run_id), max(published_at) from {PUBLICATION_TABLE}").fetchall()[0]
    in_mart = dict(con.execute(f"select table_name, row_count from {PUBLICATION_TABLE}").fetchall())
    described = dict(
        con.execute(
            "select table_name, comment from duckdb_tables() where database_name = current_database() "
            "and schema_name = ?",
            [MARTS_SCHEMA],
        ).fetchall()
    )
    lines: list[list[object]] = [
        ["exported from", str(serving_db)],
        ["published by run", published[0]],
        ["published at (UTC)", published[1]],
        ["exported at (UTC)", datetime.now(timezone.utc).replace(tzinfo=None)],
        ["filters", filters.describe()],
        [],
        ["sheet", "mart", "rows exported", "rows in the mart", "what it holds"],
    ]
    lines += [
        [q.mart[:31], f"{MARTS_SCHEMA}.{q.mart}", rows[q.mart], in_mart.get(q.mart), described.get(q.mart)]
        for q in queries
    ]
    documents = _source_documents(con, queries)
    if documents:
        lines += [[], ["source document", "SHA-256", "family", "edition date", "loaded at (UTC)"], *documents]
    lines += [[], ["sheet", "column", "what it holds"]]
    for q in queries:
        lines += [[q.mart[:31], column, comment] for column, comment in _columns(con, q.mart)]
    return lines


def _source_documents(con: duckdb.DuckDBPyConnection, queries: Sequence[MartQuery]) -> list[list[object]]:
    """The documents the exported rows were read from, where the marts name them."""
    with_document = [q for q in queries if "document" in {c for c, _ in _columns(con, q.mart)}]
    if not with_document or "dim_source_document" not in _available(con):
        return []
    union = " union ".join(f"select distinct document from ({q.sql})" for q in with_document)
    parameters = [p for q in with_document for p in q.parameters]
    return [
        list(row)
        for row in con.execute(
            f"select d.document, d.document_sha256, d.family, d.edition_date, d.loaded_at "
            f"from ({union}) as used join {MARTS_SCHEMA}.dim_source_document as d using (document) "
            "order by d.document",
            parameters,
        ).fetchall()
    ]
