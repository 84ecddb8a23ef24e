"""Whether a read document may enter the warehouse: copies, misreads and missing editions stop here.

A wrong number published is worse than a missing one. So before a document's cells are
stored, it is compared with what the warehouse already holds: a file whose content is
loaded under another name is held back; a document of a known family whose edition date
cannot be read, or that yields far fewer cells than the family's other editions (or, for
a family's first edition, far fewer of the labels its crosswalk maps), is taken as a
misread and fails. A second file for a family's edition already loaded is stored, with a
warning that it is now current and the earlier one a revision.
"""

from __future__ import annotations

import csv
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from extract.records import DocumentResult
from orchestration.raw_tables import DOCUMENTS_TABLE, ensure_tables

CROSSWALK = Path(__file__).resolve().parents[1] / "seeds" / "indicator_crosswalk.csv"

# A document yielding under this share of its family's usual cells is a suspected misread.
MIN_SHARE_OF_USUAL_CELLS = 0.5
# A family's first edition must print at least this share of the labels its crosswalk maps.
MIN_SHARE_OF_CROSSWALK_LABELS = 0.5


@dataclass
class Admission:
    """The verdict on one read document: held back (a copy), failed (in result.error), or stored."""

    held_back: str | None = None  # why the document is not stored although it read well


def admit(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> Admission:
    """Judge `result` against the warehouse; a misread or missing edition becomes result.error.

    Adds the warnings it finds to result.warnings, so they are stored with the document.
    """
    ensure_tables(con)
    admission = Admission()
    if not result.ok:
        return admission
    copy_of = _loaded_copy_of(con, result)
    if copy_of is not None:
        admission.held_back = (
            f"{result.document}: same content (SHA-256 {result.sha256[:12]}) as {copy_of}, already loaded; "
            f"held back so its facts are not counted twice (remove one of the two files)"
        )
        result.warnings.append(admission.held_back)
        return admission
    if result.family is None:
        return admission
    failure = _edition_missing(result) or _misread(con, result)
    if failure:
        result.error = failure
        result.cells = []
        return admission
    for earlier in _same_edition(con, result):
        warning = (
            f"{result.document}: another file for {result.family} edition {result.edition}, besides {earlier} "
            f"loaded before: {result.document} is now current, {earlier} is kept as a revision"
        )
        result.warnings.append(warning)
    return admission


def _loaded_copy_of(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> str | None:
    rows = con.execute(
        f"SELECT document FROM {DOCUMENTS_TABLE} WHERE sha256 = ? AND document <> ? AND status = 'loaded' "
        "ORDER BY document LIMIT 1",
        [result.sha256, result.document],
    ).fetchall()
    return rows[0][0] if rows else None


def _edition_missing(result: DocumentResult) -> str | None:
    if result.edition:
        return None
    return (
        f"{result.document}: a {result.family} report whose edition date cannot be read in its first pages "
        f"(none of the family's edition patterns in extract/families.toml matches): its values would have no "
        f"period, so none is loaded"
    )


def _misread(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> str | None:
    """Why the document looks misread, or None: no cells, far fewer than its family's other
    editions, or (for a first edition) few of the labels the crosswalk maps for the family."""
    cells = len(result.cells)
    if cells == 0:
        return f"{result.document}: suspected misread: a {result.family} report with no value cells read"
    others = [
        row[0]
        for row in con.execute(
            f"SELECT cells FROM {DOCUMENTS_TABLE} WHERE family = ? AND document <> ? AND status = 'loaded'",
            [result.family, result.document],
        ).fetchall()
    ]
    if others:
        usual = statistics.median(others)
        if cells < MIN_SHARE_OF_USUAL_CELLS * usual:
            return (
                f"{result.document}: suspected misread: {cells} value cells read where the family's "
                f"{len(others)} other edition(s) of {result.family} have {int(usual)} (median); not loaded"
            )
        return None
    expected = crosswalk_labels(result.family)
    if not expected:
        return None
    found = expected & printed_labels(result)
    if len(found) < MIN_SHARE_OF_CROSSWALK_LABELS * len(expected):
        return (
            f"{result.document}: suspected misread: {len(found)} of the {len(expected)} labels the crosswalk maps "
            f"for {result.family} found in {cells} value cells (at least "
            f"{MIN_SHARE_OF_CROSSWALK_LABELS:.0%} expected); not loaded"
        )
    return None


def _same_edition(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> list[str]:
    rows = con.execute(
        f"SELECT document FROM {DOCUMENTS_TABLE} WHERE family = ? AND edition = ? AND document <> ? "
        "AND status = 'loaded' AND sha256 <> ? ORDER BY document",
        [result.family, result.edition, result.document, result.sha256],
    ).fetchall()
    return [row[0] for row in rows]


def normalise_label(text: str | None) -> str:
    """As the dbt macro normalise_label compares labels: lower case, & as 'and', punctuation but % dropped."""
    lowered = (text or "").lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9%]+", " ", lowered).strip()


@lru_cache(maxsize=None)
def _crosswalk_rows() -> tuple[tuple[str, str], ...]:
    """(family LIKE pattern, normalised label or code) of every crosswalk row that maps an indicator."""
    with CROSSWALK.open(newline="", encoding="utf-8") as handle:
        rows = []
        for row in csv.DictReader(handle):
            key = row["source_code"] if row["match_on"] == "code" else row["source_label"]
            if row["indicator_code"] and key not in ("", "*"):
                rows.append((row["family"], normalise_label(key)))
    return tuple(rows)


def _like(pattern: str, text: str) -> bool:
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, text) is not None


def crosswalk_labels(family: str) -> frozenset[str]:
    """The labels and codes (normalised) the crosswalk maps to indicators for this family."""
    return frozenset(label for pattern, label in _crosswalk_rows() if _like(pattern, family))


def printed_labels(result: DocumentResult) -> set[str]:
    """Every label and code the document's cells print (rows, columns, table titles), normalised."""
    labels: set[str] = set()
    for cell in result.cells:
        for text in (cell.row_label, cell.row_code, cell.table_title, *cell.column_label.split(" > ")):
            if text:
                labels.add(normalise_label(text))
    return labels
