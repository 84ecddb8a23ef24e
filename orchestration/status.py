"""What loaded and what failed: the warehouse's documents beside the landing folder.

Read from the warehouse's raw tables, read-only. While a load holds the warehouse
(DuckDB lets nobody else open it then), from the serving copy of the marts instead,
which is as of the last build and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from orchestration.landing import LandedFile, LandingFolderMissing, list_landing_pdfs
from orchestration.raw_tables import DOCUMENTS_TABLE, LOAD_ERRORS_TABLE, RETIRED_TABLE
from orchestration.serving import PUBLICATION_TABLE
from orchestration.settings import WarehouseSettings
from orchestration.warehouse_lock import is_lock_conflict


@dataclass(frozen=True)
class DocumentStatus:
    document: str
    status: str  # loaded or failed
    family: str | None
    cells: int
    sha256: str | None
    loaded_at: datetime | None


@dataclass(frozen=True)
class Problem:
    document: str
    severity: str  # error or warning
    message: str
    sha256: str | None


@dataclass(frozen=True)
class DocumentYield:
    """Where a document's cells went at the last build (marts.fct_document_yield)."""

    document: str
    cells_read: int
    value_cells: int
    mapped_cells: int
    unmapped_cells: int
    dropped_no_period: int
    dropped_no_org_unit: int
    indicator_values: int
    quarantined_values: int
    family_median_indicator_values: float | None = None
    low_yield: bool = False  # under half the family's median indicator values: check how it was read


@dataclass(frozen=True)
class QuarantinedValue:
    """A printed value its indicator's unit and range rule out (marts.fct_quarantined_value)."""

    document: str
    page: int | None
    indicator_code: str
    value_text: str
    reason: str


YIELD_TABLE = "marts.fct_document_yield"
QUARANTINE_TABLE = "marts.fct_quarantined_value"


@dataclass
class WarehouseStatus:
    """The documents, their problems, and how the landing folder differs."""

    source: str  # where it was read from
    documents: list[DocumentStatus] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    retired: list[tuple[str, datetime]] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # landed, this version not yet attempted
    removed: list[str] = field(default_factory=list)  # in the warehouse, file gone from the landing folder
    landing_note: str | None = None
    yields: list[DocumentYield] = field(default_factory=list)  # as of the last build
    quarantined: list[QuarantinedValue] = field(default_factory=list)


def _documents_sql(serving: bool) -> str:
    if serving:
        return (
            "SELECT document, load_status, family, coalesce(cell_count, 0), document_sha256, loaded_at "
            "FROM marts.dim_source_document ORDER BY document"
        )
    return (
        f"SELECT document, status, family, coalesce(cells, 0), sha256, loaded_at FROM {DOCUMENTS_TABLE} "
        "ORDER BY document"
    )


def _problems_sql(serving: bool) -> str:
    if serving:
        return (
            "SELECT document, severity, message, document_sha256 FROM marts.fct_load_errors "
            "ORDER BY severity, document"
        )
    return f"SELECT document, severity, message, sha256 FROM {LOAD_ERRORS_TABLE} ORDER BY severity, document"


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_schema, table_name FROM information_schema.tables").fetchall()
    return {f"{schema}.{table}" for schema, table in rows}


def _read_marts(con: duckdb.DuckDBPyConnection, tables: set[str], status: "WarehouseStatus") -> None:
    """The last build's yield per document and its quarantined values, where the marts exist."""
    if YIELD_TABLE in tables:
        status.yields = [
            DocumentYield(*row)
            for row in con.execute(
                "SELECT document, cells_read, value_cells, mapped_cells, unmapped_cells, dropped_no_period, "
                f"dropped_no_org_unit, indicator_values, quarantined_values, family_median_indicator_values, low_yield "
                f"FROM {YIELD_TABLE} "
                "WHERE load_status = 'loaded' ORDER BY document"
            ).fetchall()
        ]
    if QUARANTINE_TABLE in tables:
        status.quarantined = [
            QuarantinedValue(*row)
            for row in con.execute(
                "SELECT document, page, indicator_code, value_text, quarantine_reason "
                f"FROM {QUARANTINE_TABLE} ORDER BY document, page, indicator_code, value_text"
            ).fetchall()
        ]


def read_status(settings: WarehouseSettings) -> WarehouseStatus:
    """The warehouse's documents and problems, compared with the landing folder."""
    status = _read_database(settings)
    try:
        landed = list_landing_pdfs(settings.landing_path)
    except LandingFolderMissing as missing:
        status.landing_note = str(missing)
        landed = []
    compare_with_landing(status, landed)
    return status


def compare_with_landing(status: WarehouseStatus, landed: list[LandedFile]) -> None:
    """Fill in the files waiting to load and the documents whose files are gone."""
    in_warehouse = {d.document: d.sha256 for d in status.documents}
    attempted = {(p.document, p.sha256) for p in status.problems}
    status.waiting = [
        f.document
        for f in landed
        if in_warehouse.get(f.document) != f.sha256 and (f.document, f.sha256) not in attempted
    ]
    names = {f.document for f in landed}
    status.removed = [d.document for d in status.documents if d.document not in names]


def _read_database(settings: WarehouseSettings) -> WarehouseStatus:
    warehouse = settings.warehouse_path
    if not warehouse.exists():
        return _read_serving(settings, f"no warehouse at {warehouse} yet")
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.IOException as error:
        if not is_lock_conflict(error):
            raise
        return _read_serving(settings, "the warehouse is busy with a load")
    with con:
        tables = _tables(con)
        if DOCUMENTS_TABLE not in tables:
            return WarehouseStatus(source=f"warehouse {warehouse} (nothing loaded yet)")
        status = WarehouseStatus(source=f"warehouse {warehouse}")
        status.documents = [DocumentStatus(*row) for row in con.execute(_documents_sql(False)).fetchall()]
        if LOAD_ERRORS_TABLE in tables:
            status.problems = [Problem(*row) for row in con.execute(_problems_sql(False)).fetchall()]
        if RETIRED_TABLE in tables:
            status.retired = con.execute(
                f"SELECT document, max(retired_at) FROM {RETIRED_TABLE} "
                f"WHERE document NOT IN (SELECT document FROM {DOCUMENTS_TABLE}) GROUP BY document ORDER BY document"
            ).fetchall()
        _read_marts(con, tables, status)
    return status


def _read_serving(settings: WarehouseSettings, why: str) -> WarehouseStatus:
    serving: Path = settings.serving_path
    if not serving.exists():
        return WarehouseStatus(source=f"nothing to read: {why}, and no serving copy at {serving}")
    with duckdb.connect(str(serving), read_only=True) as con:
        tables = _tables(con)
        published = con.execute(f"SELECT max(published_at) FROM {PUBLICATION_TABLE}").fetchall()[0][0]
        when = f"{published:%Y-%m-%d %H:%M} UTC" if published else "an unknown time"
        status = WarehouseStatus(source=f"serving copy {serving} as published at {when} ({why})")
        if "marts.dim_source_document" in tables:
            status.documents = [DocumentStatus(*row) for row in con.execute(_documents_sql(True)).fetchall()]
        if "marts.fct_load_errors" in tables:
            status.problems = [Problem(*row) for row in con.execute(_problems_sql(True)).fetchall()]
        _read_marts(con, tables, status)
    return status


def format_status(status: WarehouseStatus, landing: Path) -> str:
    """The status as a few aligned lines for a terminal."""
    loaded = [d for d in status.documents if d.status == "loaded"]
    failed = [d for d in status.documents if d.status != "loaded"]
    lines = [
        f"From the {status.source}:",
        f"{len(status.documents)} document(s): {len(loaded)} loaded, {len(failed)} never loaded",
    ]
    if status.documents:
        width = max(len(d.document) for d in status.documents)
        # A document that never loaded shows why on its own line (as its failed partition does in Dagster).
        why = {p.document: p.message for p in status.problems if p.severity == "error"}
        lines.append(
            f"  {'document':<{width}}  {'status':<7} {'family':<20} {'cells':>6}  {'sha256':<12}  loaded at (UTC)"
        )
        lines += [
            f"  {d.document:<{width}}  {d.status:<7} {d.family or 'unrecognised':<20} {d.cells:>6}  "
            f"{(d.sha256 or '')[:12]:<12}  {d.loaded_at:%Y-%m-%d %H:%M}"
            if d.loaded_at and d.status == "loaded"
            else f"  {d.document:<{width}}  {d.status:<7} {why.get(d.document, '')}".rstrip()
            for d in status.documents
        ]
    errors = [p for p in status.problems if p.severity == "error"]
    warnings = [p for p in status.problems if p.severity != "error"]
    if errors:
        lines += ["", f"Failed on the latest attempt ({len(errors)}):"] + [f"  {p.message}" for p in errors]
    if warnings:
        lines += ["", f"Warnings ({len(warnings)}):"] + [f"  {p.message}" for p in warnings]
    lines += _yield_lines(status) + _quarantine_lines(status)
    lines += ["", f"Landing folder {landing}:"]
    if status.landing_note:
        lines.append(f"  {status.landing_note}")
    lines.append(
        "  waiting to load: " + (", ".join(status.waiting) if status.waiting else "none")
    )
    lines.append(
        "  removed, facts kept until retired: " + (", ".join(status.removed) if status.removed else "none")
    )
    if status.retired:
        lines += ["", "Retired:"] + [f"  {name} ({when:%Y-%m-%d %H:%M} UTC)" for name, when in status.retired]
    return "\n".join(lines)


def _yield_lines(status: WarehouseStatus) -> list[str]:
    """Cells read, mapped, unmapped and dropped per loaded document: nothing leaves uncounted."""
    if not status.yields:
        return []
    width = max(len(y.document) for y in status.yields)
    lines = [
        "",
        "Cells per document at the last build (dropped: mapped, but no period / no org unit):",
        f"  {'document':<{width}}  {'read':>6} {'values':>6} {'mapped':>6} {'unmapped':>8} {'dropped':>9}"
        f" {'facts':>6} {'quarantined':>11}",
    ]
    for y in status.yields:
        dropped = f"{y.dropped_no_period}/{y.dropped_no_org_unit}"
        lines.append(
            f"  {y.document:<{width}}  {y.cells_read:>6} {y.value_cells:>6} {y.mapped_cells:>6} "
            f"{y.unmapped_cells:>8} {dropped:>9} {y.indicator_values:>6} {y.quarantined_values:>11}"
        )
    low = [y for y in status.yields if y.low_yield]
    if low:
        lines += ["", f"Low yield, check how their tables were read ({len(low)}):"] + [
            f"  {y.document}: {y.indicator_values} indicator values where its family's other editions make "
            f"{y.family_median_indicator_values:g} (median); {y.unmapped_cells} value cells map to nothing"
            for y in low
        ]
    return lines


def _quarantine_lines(status: WarehouseStatus) -> list[str]:
    """Every quarantined value: where it is printed and why no mart shows it as a number."""
    if not status.quarantined:
        return []
    lines = ["", f"Quarantined values, shown as 'check source' and never ranked ({len(status.quarantined)}):"]
    for q in status.quarantined:
        page = f" page {q.page}" if q.page is not None else ""
        lines.append(f"  {q.document}{page}, {q.indicator_code}: printed '{q.value_text}': {q.reason}")
    return lines
