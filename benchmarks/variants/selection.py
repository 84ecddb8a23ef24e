"""Which tables a variant prints: for every family one of its documents, and from it a few
tables (a window of rows of a long one), so each variant stays a few pages a family."""

from __future__ import annotations

import random

from benchmarks.variants.document import Selection
from benchmarks.variants.layouts import Variant
from benchmarks.variants.source import SourceTable

CELL_BUDGET = 360  # cells a document at most, past its first table
MAX_TABLES = 3
LONG_TABLE = 12  # rows a table needs to be broken over pages


def select(tables: list[SourceTable], variant: Variant) -> list[Selection]:
    rng = random.Random(variant.table_seed)
    by_document: dict[str, list[SourceTable]] = {}
    for table in tables:
        by_document.setdefault(table.document, []).append(table)
    families = sorted({t.family for t in tables})
    selections = []
    for family in families:
        document = rng.choice(sorted(d for d in by_document if by_document[d][0].family == family))
        candidates = list(by_document[document])
        rng.shuffle(candidates)
        if variant.page_break != "none":  # the table broken over pages comes first
            candidates.sort(key=lambda t: len(t.rows) < LONG_TABLE)
        chosen: list[tuple[SourceTable, int, int]] = []
        cells = 0
        for table in candidates:
            if len(chosen) == MAX_TABLES:
                break
            start, end = _window(table, rng, long=variant.page_break != "none" and not chosen)
            size = sum(len(r.cells) + len(r.merged) for r in table.rows[start:end])
            if chosen and cells + size > CELL_BUDGET:
                continue
            chosen.append((table, start, end))
            cells += size
        selections.append(Selection(document, chosen))
    return selections


def _window(table: SourceTable, rng: random.Random, long: bool) -> tuple[int, int]:
    """A run of rows: all of a short table, 10 to 26 rows of a long one (at least 16 to break)."""
    most = rng.randint(16 if long else 10, 26)
    if len(table.rows) <= most:
        return 0, len(table.rows)
    start = rng.randrange(0, len(table.rows) - most + 1)
    return start, start + most


def whole_document(tables: list[SourceTable], document: str) -> Selection:
    """Every table of one source document, all its rows (a report redrawn as a whole)."""
    chosen = [(t, 0, len(t.rows)) for t in tables if t.document == document]
    if not chosen:
        raise ValueError(f"{document}: no table of that document in the truth")
    return Selection(document, chosen)
