"""Grid -> cells: the row label, row group, code and header path of every value cell.

Decisions rest on the grid's own evidence (how full and how varied each column is, cells
that span the table), never on positions or wordings of a particular report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.colours import rag_of
from extract.continuation import Layout
from extract.grid import Grid, GridCell
from extract.header_tree import banding_tints, header_paths, header_rows, is_section_row, spanned_label
from extract.values import is_number

# Round, square or diamond marks carry a status by colour; arrows carry the direction of travel.
STATUS_MARKS = set("●○◉⬤■◼▪◆♦")
STATUS_WORDS = {"red": "red", "r": "red", "amber": "amber", "a": "amber", "green": "green", "g": "green"}
_CODE = re.compile(r"(?:[A-Z]{1,5}\s?\d{1,4}[a-z]?|\d{1,2}(?:\.\d{1,2}){0,2}|NEW|NI\s?\d+)", re.IGNORECASE)
_ALPHA = re.compile(r"[A-Za-z]")


@dataclass
class TableCell:
    """A value cell with the labels that locate it, before its value is parsed."""

    table_id: str
    row_code: str | None
    row_label: str
    row_group: str
    column_label: str
    column_span: int
    text: str
    fill: str | None
    cell: GridCell
    table_title: str = ""


def read_grid(grid: Grid, table_id: str, previous: Layout | None, title: str | None = None) -> tuple[list[TableCell], Layout]:
    matches_previous = previous is not None and previous.matches(grid)
    carried = previous.banding if matches_previous else frozenset()
    heads = header_rows(grid, carried)
    body = [r for r in range(heads[-1] + 1 if heads else 0, grid.n_rows) if not is_section_row(grid, r)]
    if not heads and matches_previous:  # a continuation: the table's header and columns
        layout = Layout(
            grid.n_cols,
            grid.col_edges,
            previous.header_paths,
            previous.label_cols,
            previous.code_cols,
            previous.group_cols,
            previous.last_group,
            previous.table_id,
            previous.title,
        )
    else:
        stats = column_stats(grid, body)
        labels, codes, groups = choose_label_columns(stats)
        if not grid.ruled and not _labels_rows(stats[labels[0]]):
            return [], previous or Layout(grid.n_cols, grid.col_edges, {}, [], [], [])
        layout = Layout(grid.n_cols, grid.col_edges, header_paths(grid, heads), labels, codes, groups, "", table_id)
        if matches_previous and previous.header_paths == layout.header_paths:
            layout.last_group, layout.table_id = previous.last_group, previous.table_id
    layout.title = title or layout.title
    layout.banding = carried | banding_tints(grid)
    non_value = set(layout.label_cols) | set(layout.code_cols) | set(layout.group_cols)
    out: list[TableCell] = []
    group = layout.last_group
    first_body = heads[-1] + 1 if heads else 0
    for row in range(first_body, grid.n_rows):
        if is_section_row(grid, row):
            group = next(c.text for c in grid.row_cells(row) if c.text)
            continue
        for col in layout.group_cols:
            cell = grid.at(row, col)
            if cell and cell.text:
                group = cell.text
        code = next((c.text for col in layout.code_cols if (c := grid.at(row, col)) and c.text), None)
        for col in range(grid.n_cols):
            if col in non_value:
                continue
            cell = grid.at(row, col)
            if cell is None or cell.row != row or cell.col != col or not (cell.text or cell.fill):
                continue
            label_col = max((c for c in layout.label_cols if c < col), default=None)
            if label_col is None:
                continue
            label_cell = grid.at(row, label_col)
            label = label_cell.text if label_cell else ""
            if not label and not code:
                continue
            out.append(
                TableCell(
                    table_id=layout.table_id,
                    row_code=code,
                    row_label=label,
                    row_group=group,
                    column_label=spanned_label(layout.header_paths, col, cell.col_span),
                    column_span=cell.col_span,
                    text=cell.text,
                    fill=status_of(cell),
                    cell=cell,
                    table_title=layout.title,
                )
            )
    layout.last_group = group
    return out, layout


@dataclass
class ColumnStats:
    filled: float = 0.0
    numeric: float = 0.0
    codes: float = 0.0
    distinct: float = 0.0
    mean_alpha: float = 0.0
    texts: list[str] = field(default_factory=list)


def column_stats(grid: Grid, body: list[int]) -> list[ColumnStats]:
    stats = []
    for col in range(grid.n_cols):
        texts = [c.text for r in body if (c := grid.at(r, col)) and c.col == col and c.row == r and c.text]
        n = max(len(body), 1)
        s = ColumnStats(texts=texts)
        if texts:
            s.filled = len(texts) / n
            s.numeric = sum(is_number(t) for t in texts) / len(texts)
            s.codes = sum(bool(_CODE.fullmatch(t)) for t in texts) / len(texts)
            s.distinct = len(set(texts)) / len(texts)
            s.mean_alpha = sum(len(_ALPHA.findall(t)) for t in texts) / len(texts)
        stats.append(s)
    return stats


def choose_label_columns(stats: list[ColumnStats]) -> tuple[list[int], list[int], list[int]]:
    """(label, code, group) columns. The row label is the first full column of words near
    the left; columns before it hold codes or section names; further label columns stand
    where the table repeats label/value pairs side by side."""
    n = len(stats)
    candidates = [c for c in range(min(n - 1, 4)) if stats[c].filled >= 0.5 and stats[c].numeric < 0.5]
    if not candidates:
        return [0], [], []
    # The stub is the leftmost such column that is not codes; sparse columns before it
    # (a name on a group's first row only) are not candidates.
    label = next((c for c in candidates if stats[c].codes < 0.6), candidates[0])
    codes = [c for c in range(label) if stats[c].codes >= 0.6]
    groups = [c for c in range(label) if c not in codes]
    labels = [label]
    for col in range(label + 2, n - 1):
        s = stats[col]
        if (
            s.filled >= 0.6
            and s.numeric == 0
            and s.distinct >= 0.8
            and s.mean_alpha >= 4
            and stats[col + 1].numeric >= 0.6
            and stats[col - 1].numeric >= 0.6
        ):
            labels.append(col)
    return labels, codes, groups


def _labels_rows(stats: ColumnStats) -> bool:
    """Without rules, only a column of words down the side makes aligned text a table
    (chart axes and legends align too, but their 'labels' are numbers)."""
    return stats.filled >= 0.5 and stats.numeric < 0.5


def status_of(cell: GridCell) -> str | None:
    """RAG status of a value cell: its fill when it prints nothing, a status word ('Red',
    'A'), or the colour of a lone status mark ('●' in green)."""
    text = cell.text.strip()
    if not text:
        return cell.fill
    word = STATUS_WORDS.get(text.lower())
    if word:
        return word
    if text in STATUS_MARKS:
        return rag_of(cell.ink)
    return None
