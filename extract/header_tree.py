"""Header tree: which rows of a grid are its header and the path of header text over
each column.

In a region read from text, header phrases are placed over the columns they span
(spanning headers from the extent of their text, headers flush with their values' edge
over that column alone); in any grid the header is the leading styled rows (bold, a tint
that is not zebra banding), or a first row of words over a body of numbers.
"""

from __future__ import annotations

import re

from extract.columns import anchored, columns_of_phrase, overlap, slots
from extract.grid import Grid, GridCell, cell_of
from extract.lines import Line, Phrase, monospaced_advance
from extract.values import is_number

SPAN_REACH = 0.75  # share of the gap to a column that a header must cross to span it
WORD_GAP = 0.15  # × font size: a wider gap inside a phrase parts two words
_LEADING_INT = re.compile(r"\d{1,3}(?![\d.,%])")


def header_line_count(block: list[Line]) -> int:
    """Leading lines set in bold (or, in an unstyled table, leading lines without
    numbers) are the header."""
    count = 0
    for line in block:
        if not all(p.bold for p in line.phrases):
            break
        count += 1
    if count == 0:
        for line in block[:3]:
            if any(is_number(p.text) for p in line.phrases):
                break
            count += 1
        if count == len(block[:3]):
            count = 0
    return count if count < len(block) else 0


def flush_pieces(p: Phrase, columns: list[tuple[float, float]], anchors: list[str | None]) -> list[Phrase]:
    """A header phrase whose words part into pieces each set flush with the values of its
    own column is that many headers (a fixed-pitch face sets `April May June` over three
    columns one space apart); otherwise it stays whole."""
    words = _words(p)
    if len(words) < 2 or len(words) > 8 or not monospaced_advance(p.chars):
        return [p]  # a proportional face parts cells at a wider gap than a word space already
    best: list[Phrase] = [p]
    for cuts in range(1, 1 << (len(words) - 1)):
        pieces, current = [], list(words[0])
        for i, word in enumerate(words[1:]):
            if cuts >> i & 1:
                pieces.append(Phrase.of(current))
                current = []
            current.extend(word)
        pieces.append(Phrase.of(current))
        placed = [columns_of_phrase(q, columns) for q in pieces]
        if all(f == l and anchored(q, columns[f], anchors[f]) for q, (f, l) in zip(pieces, placed)) \
                and len({f for f, _ in placed}) == len(pieces) and len(pieces) > len(best):
            best = pieces
    return best


def _words(p: Phrase) -> list[list[dict]]:
    """The phrase's words, parted at a space character or at a space's width of white."""
    words: list[list[dict]] = [[]]
    for char in p.chars:
        if char["text"].isspace():
            words.append([])
            continue
        if words[-1] and char["x0"] - words[-1][-1]["x1"] > WORD_GAP * (char.get("size") or 6.0):
            words.append([])
        words[-1].append(char)
    return [w for w in words if w]


def header_cells(lines: list[Line], columns: list[tuple[float, float]], edges: list[float], anchors: list[str | None]) -> tuple[list[GridCell], int]:
    """Header cells by column span: phrases over the same columns are one (wrapped)
    cell; a cell over several others is their parent, one header row above them."""
    groups: dict[tuple[int, int], list[Phrase]] = {}
    for line in lines:
        for p in line.phrases:
            groups.setdefault(header_span(p, line, columns, anchors), []).append(p)
    spans = sorted(groups, key=lambda s: (s[0], -(s[1] - s[0])))
    # Partly overlapping spans that do not nest are one cell.
    merged: list[list] = []
    for first, last in spans:
        for m in merged:
            overlaps = first <= m[1] and last >= m[0]
            nested = (m[0] <= first and last <= m[1]) or (first <= m[0] and m[1] <= last)
            if overlaps and not nested:
                m[0], m[1] = min(m[0], first), max(m[1], last)
                m[2].extend(groups[(first, last)])
                break
        else:
            merged.append([first, last, list(groups[(first, last)])])
    def depth(m: list) -> int:
        return sum(1 for o in merged if o is not m and o[0] <= m[0] and m[1] <= o[1] and (o[0], o[1]) != (m[0], m[1]))
    rows = 1 + max((depth(m) for m in merged), default=0)
    top = min(line.top for line in lines)
    bottom = max(line.bottom for line in lines)
    cells = []
    for first, last, phrases in merged:
        d = depth([first, last])
        has_children = any(o[0] >= first and o[1] <= last and (o[0], o[1]) != (first, last) for o in merged)
        cell = cell_of(phrases, d, first, last, edges, top, bottom)
        cell.row_span = 1 if has_children else rows - d
        cells.append(cell)
    return cells, rows


def header_span(p: Phrase, line: Line, columns: list[tuple[float, float]], anchors: list[str | None]) -> tuple[int, int]:
    """A header's text spans the columns it reaches most of the way across the white
    space to and is centred over ('Revenue' over two columns below), unless other words
    of its line head a column it reaches into, or it is set flush with one column's values."""
    first, last = columns_of_phrase(p, columns)
    if first == last and anchored(p, columns[first], anchors[first]):
        return first, last
    claimed = {i for q in line.phrases if q is not p for i in range(len(columns)) if overlap(q.x0, q.x1, columns[i]) > 0}
    def across(inner: float, outer: float) -> float:  # a point most of the way over the gap
        return inner + SPAN_REACH * (outer - inner)

    room = slots(columns, anchors)

    def centred(a: int, b: int) -> bool:  # the text sits nearer the middle of a..b than of first..last
        centre = (p.x0 + p.x1) / 2
        return abs(centre - (room[a][0] + room[b][1]) / 2) < abs(centre - (room[first][0] + room[last][1]) / 2)

    while first > 0 and first - 1 not in claimed and p.x0 < across(columns[first][0], columns[first - 1][1]) and centred(first - 1, last):
        first -= 1
    while last < len(columns) - 1 and last + 1 not in claimed and p.x1 > across(columns[last][1], columns[last + 1][0]) and centred(first, last + 1):
        last += 1
    return first, last


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
        if first and not any(is_number(c.text) for c in first) and not is_section_row(grid, 0):
            body_numeric = sum(is_number(c.text) for r in range(1, grid.n_rows) for c in grid.row_cells(r))
            if body_numeric:
                rows.append(0)
    # A header cell spanning down takes its rows with it.
    while rows:
        deeper = [c.row + c.row_span for r in rows for c in grid.row_cells(r) if c.row + c.row_span - 1 > rows[-1]]
        if not deeper:
            break
        rows.extend(range(rows[-1] + 1, max(deeper)))
    return rows


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


def banding_tints(grid: Grid) -> set[tuple[float, ...]]:
    """Tints that recur down the table with other rows between (zebra banding): a header
    band is one run of rows at the top, so these say nothing of the header."""
    rows_of: dict[tuple[float, ...], set[int]] = {}
    for cell in grid.cells:
        if cell.tint is not None:
            rows_of.setdefault(cell.tint, set()).add(cell.row)
    return {tint for tint, rows in rows_of.items() if rows != set(range(len(rows)))}


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
