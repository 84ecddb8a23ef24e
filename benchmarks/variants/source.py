"""The corpus truth read back into the tables it was printed in: rows (label, code, group), the
physical columns with their header paths, and the value cells, so they can be drawn again."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

PATH_SEPARATOR = " > "


@dataclass
class SourceRow:
    """One printed row: its labels, its value cells by column index and its merged cells."""

    label: str
    code: str | None
    group: str
    page: int
    cells: dict[int, dict] = field(default_factory=dict)
    merged: list[tuple[int, int, dict]] = field(default_factory=list)  # first, last column, truth


@dataclass
class SourceTable:
    """One table of one source document (all its pages), as the truth describes it."""

    document: str
    family: str
    name: str
    columns: list[tuple[str, ...]]  # header path of each physical column, left to right
    rows: list[SourceRow]

    @property
    def key(self) -> str:
        return f"{self.document}:{self.name}"

    @property
    def headerless(self) -> bool:
        return all(path == ("",) for path in self.columns)

    @property
    def cells(self) -> int:
        return sum(len(r.cells) + len(r.merged) for r in self.rows)


def family_of(document: str) -> str:
    return document.split("__", 1)[0]


def load_truth(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("*.truth.jsonl")):
        with open(path, encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def _row_key(record: dict) -> tuple:
    parts = record.get("cell_id", "").split("|")
    printed_row = parts[1] if len(parts) > 1 and parts[1].startswith("r") else ""
    return (record["page"], printed_row, record.get("row_group") or "", record.get("row_code") or "",
            record["row_label"])


def _path(label: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in label.split(PATH_SEPARATOR)) if label else ("",)


def _ordered_columns(records: list[dict], row_of: dict[int, tuple]) -> list[tuple[tuple[str, ...], int]]:
    """Physical columns as (path, k): the k-th column of a row under the same header path (two
    columns under one header print a number and its percentage), left to right."""
    xs: dict[tuple, list[float]] = defaultdict(list)
    by_row: dict[tuple, list[dict]] = defaultdict(list)
    for i, record in enumerate(records):
        if not record.get("column_span"):
            by_row[row_of[i]].append(record)
    for cells in by_row.values():
        seen: dict[tuple, int] = defaultdict(int)
        for record in sorted(cells, key=lambda r: r["bbox"][0]):
            path = _path(record["column_label"])
            xs[(path, seen[path])].append(record["bbox"][0])
            seen[path] += 1
    ordered = sorted(xs, key=lambda key: median(xs[key]))
    for record in records:  # leaves known only from a merged cell go beside their neighbours
        leaves = [(_path(leaf), 0) for leaf in record.get("column_span") or []]
        for i, leaf in enumerate(leaves):
            if leaf not in ordered:
                before = next((ordered.index(l) for l in reversed(leaves[:i]) if l in ordered), None)
                ordered.insert(before + 1 if before is not None else len(ordered), leaf)
    # siblings under one spanning header sit together, in the order their first one came
    groups: dict[str, list] = {}
    for key in ordered:
        path = key[0]
        groups.setdefault(path[0] if len(path) > 1 else f"\0{path}{key[1]}", []).append(key)
    return [key for keys in groups.values() for key in keys]


def _build_table(document: str, name: str, records: list[dict]) -> SourceTable:
    row_of = {i: _row_key(r) for i, r in enumerate(records)}
    columns = _ordered_columns(records, row_of)
    index = {key: i for i, key in enumerate(columns)}
    rows: dict[tuple, SourceRow] = {}
    seen: dict[tuple, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
    for i, record in sorted(enumerate(records), key=lambda item: item[1]["bbox"][0]):
        key = row_of[i]
        row = rows.get(key)
        if row is None:
            row = rows[key] = SourceRow(record["row_label"], record.get("row_code"), record.get("row_group") or "",
                                        record["page"])
        if record.get("column_span"):
            spanned = [index[(_path(leaf), 0)] for leaf in record["column_span"]]
            row.merged.append((min(spanned), max(spanned), record))
            continue
        path = _path(record["column_label"])
        k = seen[key][path]
        seen[key][path] += 1
        row.cells[index[(path, k)]] = record
    first_seen = {key: min(i for i, k in row_of.items() if k == key) for key in rows}
    ordered = sorted(rows, key=lambda key: (rows[key].page, first_seen[key]))
    # rows of one group print together under its title (side-by-side boxes interleave them)
    groups: dict[tuple, list] = {}
    for key in ordered:
        groups.setdefault((rows[key].page, rows[key].group), []).append(rows[key])
    return SourceTable(document, family_of(document), name, [path for path, _ in columns],
                       [row for grouped in groups.values() for row in grouped])


def source_tables(truth: list[dict]) -> list[SourceTable]:
    """Every (document, table) of the truth, its pages joined in order."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for record in truth:
        grouped.setdefault((record["document"], record["table"]), []).append(record)
    return [_build_table(document, name, records) for (document, name), records in grouped.items()]
