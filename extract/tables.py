"""Read meaning into a grid: which rows are headers, which columns label the rows,
and the row label, row group and header path of every value cell.

Decisions rest on the grid's own evidence (bold or tinted header rows, how full and how
varied each column is, cells that span the table), never on positions or wordings of a
particular report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.grid import Grid, GridCell
from extract.colours import rag_of
from extract.values import parse_value

# Round, square or diamond marks carry a status by colour; arrows carry the direction of travel.
STATUS_MARKS = set("●○◉⬤■◼▪◆♦")
STATUS_WORDS = {"red": "red", "r": "red", "amber": "amber", "a": "amber", "green": "green", "g": "green"}

_CODE = re.compile(r"(?:[A-Z]{1,5}\s?\d{1,4}[a-z]?|\d{1,2}(?:\.\d{1,2}){0,2}|NEW|NI\s?\d+)", re.IGNORECASE)
_ALPHA = re.compile(r"[A-Za-z]")
EDGE_SHARE = 0.3  # of the narrowest column: how far an unruled continuation's edges may move
_LEADING_INT = re.compile(r"\d{1,3}(?![\d.,%])")


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


@dataclass
class Layout:
    """What was learnt of a table, so that its continuation on the next page can use it."""

    n_cols: int
    col_edges: list[float]
    header_paths: dict[int, list[str]]
    label_cols: list[int]
    code_cols: list[int]
    group_cols: list[int]
    last_group: str = ""
    table_id: str = ""
    title: str = ""

    def columns_of(self, grid: Grid) -> Grid:
        """An unruled grid with no header whose cells each sit over one of this table's
        columns, read again on those columns: a continuation whose rows happen to part a
        column in two (a blank run, a narrow figure) still continues the table."""
        if grid.ruled or grid.header_rows or grid.n_cols == self.n_cols or len(self.col_edges) < 2:
            return grid
        edges = self.col_edges
        moved: dict[tuple[int, int], list[GridCell]] = {}
        for cell in grid.cells:
            if not cell.text:
                continue
            x0, _, x1, _ = cell.box
            centre = (x0 + x1) / 2
            inside = [i for i in range(len(edges) - 1) if edges[i] <= centre < edges[i + 1]]
            if not inside or x1 - x0 > edges[inside[0] + 1] - edges[inside[0]] + 2:
                return grid  # outside the table, or wider than the column it would go to
            moved.setdefault((cell.row, inside[0]), []).append(cell)
        cells = []
        for (row, col), parts in moved.items():
            parts.sort(key=lambda c: c.col)
            first = parts[0]
            merged = GridCell(row, col, 1, 1, edges[col], first.top, edges[col + 1], first.bottom)
            merged.text = " ".join(c.text for c in parts)
            merged.bold, merged.size, merged.fill, merged.tinted = first.bold, first.size, first.fill, first.tinted
            merged.tint, merged.ink = first.tint, first.ink
            boxes = [c.box for c in parts]
            merged.text_box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            cells.append(merged)
        for row in range(grid.n_rows):
            row_cells = [c for c in grid.cells if c.row == row]
            top, bottom = row_cells[0].top, row_cells[0].bottom
            cells.extend(GridCell(row, c, 1, 1, edges[c], top, edges[c + 1], bottom) for c in range(self.n_cols) if (row, c) not in moved)
        return Grid(grid.page, grid.bbox, grid.n_rows, self.n_cols, cells, list(edges), ruled=False, header_rows=0)

    def matches(self, grid: Grid) -> bool:
        """Same columns: ruled edges agree to a few points; edges found from text move with
        what the rows print, so they agree to a share of the narrowest column."""
        if grid.n_cols != self.n_cols:
            return False
        widths = [b - a for a, b in zip(self.col_edges, self.col_edges[1:])]
        tolerance = 3.0 if grid.ruled else max(3.0, EDGE_SHARE * min(widths, default=0.0))
        return all(abs(a - b) <= tolerance for a, b in zip(grid.col_edges, self.col_edges))


@dataclass
class ColumnStats:
    filled: float = 0.0
    numeric: float = 0.0
    codes: float = 0.0
    distinct: float = 0.0
    mean_alpha: float = 0.0
    texts: list[str] = field(default_factory=list)


def _is_numeric(text: str) -> bool:
    parsed = parse_value(text)
    return parsed.value is not None or parsed.numerator is not None


def is_section_row(grid: Grid, row: int) -> bool:
    """A row whose only text is one cell from the left spanning (nearly) the whole table:
    a section title."""
    texts = [c for c in grid.row_cells(row) if c.text]
    if len(texts) != 1 or grid.n_cols < 2:
        return False
    only = texts[0]
    if only.col != 0:
        return False  # a cell spanning the value columns only heads them
    # Unruled tables print a section title as a bold line on its own at the left.
    return only.col_span >= max(2, grid.n_cols - 1) or (not grid.ruled and only.bold)


def banding_tints(grid: Grid) -> set[tuple[float, ...]]:
    """Tints that recur down the table with other rows between (zebra banding): a header
    band is one run of rows at the top, so these say nothing of the header."""
    rows_of: dict[tuple[float, ...], set[int]] = {}
    for cell in grid.cells:
        if cell.tint is not None:
            rows_of.setdefault(cell.tint, set()).add(cell.row)
    return {tint for tint, rows in rows_of.items() if rows != set(range(len(rows)))}


def _looks_like_header(grid: Grid, row: int, banding: set[tuple[float, ...]]) -> bool:
    cells = [c for c in grid.row_cells(row) if c.text]
    if not cells or is_section_row(grid, row):
        return False
    styled = all(c.bold or (c.tinted and c.tint not in banding) for c in cells)
    # A header row labels columns, so it has a cell over the value columns, not only a label.
    return styled and any(c.col > 0 or c.col_span > 1 for c in cells)


def _numbers_columns(grid: Grid, row: int) -> bool:
    """A row that numbers the columns (1, 2=, 3, ... 11) under a header is part of it."""
    leads = [_LEADING_INT.match(c.text) for c in grid.row_cells(row) if c.text]
    if len(leads) < 3 or not all(leads):
        return False
    numbers = [int(m.group()) for m in leads]  # type: ignore[union-attr]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def header_rows(grid: Grid) -> list[int]:
    rows = _leading_header_rows(grid)
    while len(rows) < grid.n_rows - 1 and _numbers_columns(grid, len(rows)):
        rows.append(len(rows))
    return rows


def _leading_header_rows(grid: Grid) -> list[int]:
    if grid.header_rows is not None:
        return list(range(grid.header_rows))
    rows = []
    banding = banding_tints(grid)
    for row in range(grid.n_rows):
        if not _looks_like_header(grid, row, banding):
            break
        rows.append(row)
    if not rows and grid.n_rows > 2:
        # Unstyled header: a first row of words over a body of numbers.
        first = [c for c in grid.row_cells(0) if c.text and c.col > 0]
        if first and not any(_is_numeric(c.text) for c in first) and not is_section_row(grid, 0):
            body_numeric = sum(_is_numeric(c.text) for r in range(1, grid.n_rows) for c in grid.row_cells(r))
            if body_numeric:
                rows.append(0)
    # A header cell spanning down takes its rows with it.
    while rows:
        deeper = [c.row + c.row_span for r in rows for c in grid.row_cells(r) if c.row + c.row_span - 1 > rows[-1]]
        if not deeper:
            break
        rows.extend(range(rows[-1] + 1, max(deeper)))
    return rows


def column_stats(grid: Grid, body: list[int]) -> list[ColumnStats]:
    stats = []
    for col in range(grid.n_cols):
        texts = [c.text for r in body if (c := grid.at(r, col)) and c.col == col and c.row == r and c.text]
        n = max(len(body), 1)
        s = ColumnStats(texts=texts)
        if texts:
            s.filled = len(texts) / n
            s.numeric = sum(_is_numeric(t) for t in texts) / len(texts)
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


def header_paths(grid: Grid, rows: list[int]) -> dict[int, list[str]]:
    paths: dict[int, list[str]] = {}
    for col in range(grid.n_cols):
        parts: list[str] = []
        for row in rows:
            cell = grid.at(row, col)
            if cell and cell.text and (not parts or parts[-1] != cell.text):
                parts.append(cell.text)
        paths[col] = parts
    return paths


def spanned_label(paths: dict[int, list[str]], first: int, span: int) -> str:
    """The header path of a cell merged over several columns: their common part, then
    the leaves it covers ('CSC EAST > Burnley | Pendle | Rossendale | HRV')."""
    covered = [paths.get(c, []) for c in range(first, first + span)]
    if span == 1 or not covered:
        return " > ".join(covered[0] if covered else [])
    common: list[str] = []
    for parts in zip(*covered):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    leaves = []
    for parts in covered:
        rest = " > ".join(parts[len(common):])
        if rest and rest not in leaves:
            leaves.append(rest)
    return " > ".join(common + ([" | ".join(leaves)] if leaves else []))


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


def is_chart(grid: Grid) -> bool:
    """Bars and gridlines make ruled 'cells' that hold almost no text."""
    with_text = sum(1 for c in grid.cells if c.text)
    return with_text < 2 or with_text < 0.3 * len(grid.cells)


def has_numbers(grid: Grid) -> bool:
    """A data table prints numbers on more than one row; aligned prose, filter panels
    and a chart's axis line do not."""
    rows = {c.row for c in grid.cells if c.col > 0 and _is_numeric(c.text)}
    return len(rows) >= 2


def read_grid(grid: Grid, table_id: str, previous: Layout | None, title: str | None = None) -> tuple[list[TableCell], Layout]:
    heads = header_rows(grid)
    body = [r for r in range(heads[-1] + 1 if heads else 0, grid.n_rows) if not is_section_row(grid, r)]
    continued = not heads and previous is not None and previous.matches(grid)
    if continued:
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
        if previous is not None and previous.matches(grid) and previous.header_paths == layout.header_paths:
            layout.last_group, layout.table_id = previous.last_group, previous.table_id
    layout.title = title or layout.title
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
