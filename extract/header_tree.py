"""Header tree: which rows of a grid are its header and the path of header text over
each column.

In a region read from text, header phrases are placed over the columns they span
(spanning headers from the extent of their text, headers flush with their values' edge
over that column alone); in any grid the header is the leading styled rows (bold, a tint
that is not zebra banding), or a first row of words over a body of numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.columns import anchored, columns_of_phrase, overlap, slots
from extract.grid import Grid, GridCell, cell_of
from extract.lines import WRAP_GAP, Line, Phrase, monospaced_advance
from extract.values import is_number

PARENT_GAP = 1.5  # × font size: a parent header this close over a cell may be its level above
SPAN_REACH = 0.75  # share of the gap to a column that a header must cross to span it
# Columns a header beside empty-headed columns widens by, one step at a time: left, right,
# then both at once (text over the middle of three columns is off centre over two).
WIDENING_STEPS = ((1, 0), (0, 1), (1, 1))
WORD_GAP = 0.15  # × font size: a wider gap inside a phrase parts two words
MISSING_MARKS = {"-", "–", "—"}  # a figure not available
_LEADING_INT = re.compile(r"\d{1,3}(?![\d.,%])")


def header_line_count(block: list[Line]) -> int:
    """Leading lines set in bold (a row of codes over the columns among them), or, in an
    unstyled table, leading lines without numbers, are the header."""
    count = 0
    for line in block:
        if not is_bold_line(line):
            break
        count += 1
    if count == 0:
        for line in block[:3]:
            if any(is_number(p.text) for p in line.phrases) or _placeholders_only(line):
                break
            count += 1
        if count == len(block[:3]):
            count = 0
    return count if count < len(block) else 0


def _placeholders_only(line: Line) -> bool:
    """A row label followed by nothing but dashes (`2020/21  -  -  -`) is a body row whose
    figures are not yet in, not a header."""
    return len(line.phrases) >= 2 and all(p.text.strip() in MISSING_MARKS for p in line.phrases[1:])


def is_bold_line(line: Line) -> bool:
    """Set in bold, most of it: a stray word beside a header (a chart's axis figure next
    to the table) does not make it a body row."""
    return sum(p.bold for p in line.phrases) * 2 > len(line.phrases)


def is_body_line(line: Line, block: list[Line]) -> bool:
    """A row of the body: its first phrase is a label at the table's left edge, with a
    number to its right."""
    left = min(p.x0 for other in block for p in other.phrases)
    first = line.phrases[0]
    return (len(line.phrases) >= 2 and first.x0 - left <= first.size and not is_number(first.text)
            and any(is_number(p.text) for p in line.phrases[1:]))


def is_section_line(line: Line, columns: list[tuple[float, float]]) -> bool:
    """A line whose phrases all start in the label column heads no value column: a row
    group's name (`IN MONTH PERFORMANCE`, however far it runs) or a row's label."""
    edge = (columns[0][1] + columns[1][0]) / 2 if len(columns) > 1 else columns[0][1]
    return all(p.x0 < edge for p in line.phrases)


def flush_pieces(p: Phrase, columns: list[tuple[float, float]], anchors: list[str | None]) -> list[Phrase]:
    """A header phrase whose words part into pieces each set flush with the values of its
    own column, or running column by column centred over them, is that many headers (a
    fixed-pitch face sets `April May June` over three columns one space apart); otherwise
    it stays whole."""
    words = _words(p)
    if len(words) < 2 or not monospaced_advance(p.chars):
        return [p]  # a proportional face parts cells at a wider gap than a word space already
    best: list[Phrase] = [p]
    for cuts in range(1, 1 << (len(words) - 1) if len(words) <= 8 else 1):
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
    return best if len(best) > 1 else _centred_pieces(words, columns, anchors, monospaced_advance(p.chars)) or best


def header_pieces(lines: list[Line], columns: list[tuple[float, float]], anchors: list[str | None]) -> list[Line]:
    """The header lines with each phrase parted into its flush pieces (flush_pieces), but
    for a phrase that carries on a wrapped header cell from the line above: under a
    phrase spanning several columns at the line pitch (`2.7 New Assessments` over `Step
    down to Early` over `Help`), words that happen to fall over those columns one by one
    are the cell's next line, not headers of their own."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        above = [q for other in out for q in other.phrases]
        below = [q for other in lines[index + 1:] for q in other.phrases]
        pieces = [q for p in line.phrases
                  for q in ([p] if _wraps_on(p, above, columns, anchors, below) else flush_pieces(p, columns, anchors))]
        out.append(Line(pieces))
    return out


def _wraps_on(p: Phrase, above: list[Phrase], columns: list[tuple[float, float]], anchors: list[str | None],
              below: list[Phrase] = ()) -> bool:
    """Whether `p` is a line of a header cell wrapped over several lines: it wraps on from a
    spanning phrase just above it; or, centred under a spanning parent a level up, wraps on
    itself to a line centred under it; or it is a middle line of a cell centred on one
    middle (`CP plans` / `lasting 2 years` / `or more`), a line at the pitch above it and a
    whole one below, however its words happen to fall flush with the columns under it."""
    middle = (p.x0 + p.x1) / 2

    def centred(q: Phrase) -> bool:
        return abs((q.x0 + q.x1) / 2 - middle) <= p.size

    own = columns_of_phrase(p, columns)
    under = [q for q in below if 0 <= q.top - p.bottom <= WRAP_GAP * p.size and centred(q)]
    for q in above:
        gap = p.top - q.bottom
        tight = 0 <= gap <= WRAP_GAP * p.size and q.x0 <= middle <= q.x1
        if not (tight or (under and 0 <= gap <= PARENT_GAP * p.size and centred(q))):
            continue
        first, last = columns_of_phrase(q, columns)
        if last > first and first <= own[0] and own[1] <= last:
            return True
    over = any(0 <= p.top - q.bottom <= WRAP_GAP * p.size and centred(q) for q in above)
    return over and any(flush_pieces(q, columns, anchors) == [q] for q in under)


def _centred_pieces(words: list[list[dict]], columns: list[tuple[float, float]], anchors: list[str | None],
                    advance: float) -> list[Phrase] | None:
    """The words of a fixed-pitch header line run column by column (`FEB 18 JUNE 18 OCT
    18`, each centred over its values): one header per column, when there are at least
    three and each sits flush with or centred over its column."""
    runs: list[tuple[int, list[dict]]] = []
    for word in words:
        first, last = columns_of_phrase(Phrase.of(word), columns)
        if first != last:
            return None
        if runs and runs[-1][0] == first:
            runs[-1][1].extend(word)
        else:
            runs.append((first, list(word)))
    if len(runs) < 3 or len({c for c, _ in runs}) < len(runs):
        return None
    pieces = [Phrase.of(chars) for _, chars in runs]
    for q, (c, _) in zip(pieces, runs):
        centre = (columns[c][0] + columns[c][1]) / 2
        if not (anchored(q, columns[c], anchors[c]) or abs((q.x0 + q.x1) / 2 - centre) <= advance):
            return None
    return pieces


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


@dataclass
class _Stack:
    """A header cell read from text: phrases stacked at the line pitch over one span of
    columns."""

    phrases: list[Phrase]
    first: int
    last: int

    @property
    def top(self) -> float:
        return min(p.top for p in self.phrases)

    @property
    def bottom(self) -> float:
        return max(p.bottom for p in self.phrases)


def header_cells(lines: list[Line], columns: list[tuple[float, float]], edges: list[float], anchors: list[str | None]) -> tuple[list[GridCell], int]:
    """Header cells from the stacks of header text: lines of one column set at the line
    pitch are one wrapped cell, a wider gap parts two levels (a code row over names, a
    spanning header over its columns). A column's header path is the cells over it, top
    to bottom, so cells of different heights need not share lines."""
    stacks = _stacks(lines, columns, anchors)
    for stack in stacks:
        _widen_over_children(stack, stacks)
    _widen_centred_groups(stacks, slots(columns, anchors))
    stacks.sort(key=lambda s: (s.top, s.first))
    level: dict[int, int] = {}
    for i, stack in enumerate(stacks):
        above = [level[j] for j in range(i) if _shares_columns(stacks[j], stack)]
        level[i] = 1 + max(above, default=-1)
    rows = 1 + max(level.values(), default=0)
    cells = []
    for i, stack in enumerate(stacks):
        below = [level[j] for j in range(i + 1, len(stacks)) if _shares_columns(stacks[j], stack)]
        cell = cell_of(stack.phrases, level[i], stack.first, stack.last, edges, stack.top, stack.bottom)
        cell.row_span = (min(below) if below else rows) - level[i]
        cells.append(cell)
    return cells, rows


def _widen_over_children(parent: _Stack, stacks: list[_Stack]) -> None:
    """A spanning header is centred over the headers under it (`CSC EAST` over four
    districts), however short its own text: it spans the widest run of columns, each with
    a header under it and none level with it, whose headers' extent it is centred on."""
    x0 = min(p.x0 for p in parent.phrases)
    x1 = max(p.x1 for p in parent.phrases)
    size = max(p.size for p in parent.phrases)
    n = 1 + max(s.last for s in stacks)
    child: dict[int, _Stack] = {}
    for c in range(n):
        level_with = [s for s in stacks if s is not parent and s.first <= c <= s.last
                      and s.top < parent.bottom and s.bottom > parent.top]
        under = [s for s in stacks if s.first <= c <= s.last and s.top >= parent.bottom]
        if under and not level_with:
            child[c] = min(under, key=lambda s: s.top)
    if not all(c in child for c in range(parent.first, parent.last + 1)):
        return  # a leaf, or a header with no header under some of its own columns
    best = (parent.first, parent.last)
    for first in range(parent.first, -1, -1):
        if first not in child:
            break
        for last in range(parent.last, n):
            if last not in child:
                break
            kids = {id(child[c]): child[c] for c in range(first, last + 1)}.values()
            if any(k.first < first or k.last > last for k in kids):
                continue  # a header under it reaching beyond the run
            left = min(p.x0 for k in kids for p in k.phrases)
            right = max(p.x1 for k in kids for p in k.phrases)
            if left <= x0 and x1 <= right and abs((left + right) / 2 - (x0 + x1) / 2) <= size \
                    and last - first > best[1] - best[0]:
                best = (first, last)
    parent.first, parent.last = best


def _middle(stack: _Stack) -> float:
    return (min(p.x0 for p in stack.phrases) + max(p.x1 for p in stack.phrases)) / 2


def _widen_centred_groups(stacks: list[_Stack], room: list[tuple[float, float]]) -> None:
    """A group header centred over three columns sits over the middle one's values too
    (`On-going Involvement` over `147 | of 299 | 49.2%`): a header that is the only one
    under its parent and centred under it spans the parent's columns, and a header beside
    a value column with no header at all spans it where that centres it better: one side
    at a time, then both at once (text over the middle one of three sits off centre over
    two of them)."""
    for parent in stacks:
        under = [s for s in stacks if s is not parent and s.top >= parent.bottom and _shares_columns(s, parent)]
        if len(under) != 1 or not (parent.first <= under[0].first and under[0].last <= parent.last):
            continue
        child = under[0]
        size = max(p.size for p in child.phrases)
        if (child.first, child.last) != (parent.first, parent.last) and abs(_middle(child) - _middle(parent)) <= size:
            child.first, child.last = parent.first, parent.last
    covered = {c for s in stacks for c in range(s.first, s.last + 1)}
    taken: dict[int, list[_Stack]] = {}

    def off_centre(stack: _Stack, first: int, last: int) -> float:
        return abs(_middle(stack) - (room[first][0] + room[last][1]) / 2)

    def free(stack: _Stack, c: int) -> bool:  # not the label column, a headed column, or one a header level with this took
        return 1 <= c < len(room) and c not in covered and not any(
            t.top < stack.bottom and stack.top < t.bottom for t in taken.get(c, []))

    for stack in stacks:
        for left, right in WIDENING_STEPS:
            while True:
                first, last = stack.first - left, stack.last + right
                added = [c for c in (first, last) if not stack.first <= c <= stack.last]
                if not all(free(stack, c) for c in added) or \
                        off_centre(stack, first, last) >= off_centre(stack, stack.first, stack.last):
                    break
                stack.first, stack.last = first, last
                for c in added:
                    taken.setdefault(c, []).append(stack)


def _shares_columns(a: _Stack, b: _Stack) -> bool:
    return a.first <= b.last and b.first <= a.last


def _stacks(lines: list[Line], columns: list[tuple[float, float]], anchors: list[str | None]) -> list[_Stack]:
    """Phrases joined into cells: side by side over shared columns on one line, or one
    under the next within a wrapped line's gap over the same columns (a line reaching
    wider than the one above joins it unless that one heads other columns below too)."""
    placed = [(p, line, header_span(p, line, columns, anchors, lines)) for line in lines for p in line.phrases]
    parent = list(range(len(placed)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (p, line, span) in enumerate(placed):
        for j, (q, other, other_span) in enumerate(placed[:i]):
            if other is line and span[0] <= other_span[1] and other_span[0] <= span[1]:
                parent[root(i)] = root(j)
        above = _directly_above(i, placed)
        if above is None:
            continue
        q, other, other_span = placed[above]
        if p.top - q.bottom > WRAP_GAP * max(p.size, q.size):
            continue
        if other_span == span or not _nested(span, other_span) or not _heads_others(above, i, placed):
            parent[root(i)] = root(above)
    groups: dict[int, list[int]] = {}
    for i in range(len(placed)):
        groups.setdefault(root(i), []).append(i)
    stacks = []
    for members in groups.values():
        first = min(placed[i][2][0] for i in members)
        last = max(placed[i][2][1] for i in members)
        stacks.append(_Stack([placed[i][0] for i in members], first, last))
    return stacks


def _nested(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _directly_above(i: int, placed: list[tuple[Phrase, Line, tuple[int, int]]]) -> int | None:
    """The nearest phrase above this one that shares its columns or its text's extent."""
    p, line, span = placed[i]
    best = None
    for j, (q, other, other_span) in enumerate(placed):
        if other is line or q.bottom > p.top + 0.3 * p.size:
            continue
        if not (overlap(p.x0, p.x1, (q.x0, q.x1)) > 0 or other_span == span):
            continue
        if best is None or q.bottom > placed[best][0].bottom:
            best = j
    return best


def _heads_others(upper: int, lower: int, placed: list[tuple[Phrase, Line, tuple[int, int]]]) -> bool:
    """Whether the wider of two stacked phrases also spans other header text at the
    narrower one's height: then it is their parent, not a wrapped line of one of them."""
    (p, _, wide), (q, _, narrow) = placed[upper], placed[lower]
    if wide[1] - wide[0] < narrow[1] - narrow[0]:
        (p, _, wide), (q, _, narrow) = (q, None, narrow), (p, None, wide)
    for r, _, span in placed:
        if r is p or r is q or r.bottom < q.top or r.top > q.bottom:
            continue
        if _nested(wide, span) and not (span[0] <= narrow[1] and narrow[0] <= span[1]):
            return True
    return False


def header_span(p: Phrase, line: Line, columns: list[tuple[float, float]], anchors: list[str | None],
                lines: list[Line] | None = None) -> tuple[int, int]:
    """A header's text spans the columns it reaches most of the way across the white
    space to and is centred over ('Revenue' over two columns below), unless other words
    level with it head a column it reaches into, it is set flush with one column's values,
    or the header has no text under it there (a parent heads the headers below it)."""
    first, last = columns_of_phrase(p, columns)
    if first == last and anchored(p, columns[first], anchors[first]):
        return first, last
    beside = [q for other in lines or [line] for q in other.phrases if q is not p and q.top < p.bottom and q.bottom > p.top]
    claimed = {i for q in beside for i in _reached(q, columns)}
    if lines is not None:
        below = [q for other in lines for q in other.phrases if q.top > p.bottom - 0.3 * p.size]
        headed = {i for q in below for i in range(columns_of_phrase(q, columns)[0], columns_of_phrase(q, columns)[1] + 1)}
        claimed |= set(range(len(columns))) - headed
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


def _reached(q: Phrase, columns: list[tuple[float, float]]) -> set[int]:
    """Columns another header of the line reaches into or, reaching none, stands over."""
    first, last = columns_of_phrase(q, columns)
    return {i for i in range(len(columns)) if overlap(q.x0, q.x1, columns[i]) > 0} | set(range(first, last + 1))


def header_rows(grid: Grid, carried_banding: frozenset[tuple[float, ...]] = frozenset()) -> list[int]:
    """The header rows at the top of the grid. carried_banding: tints that banded the body
    of the table this grid continues, which band this page's rows too (a page of one or
    two rows shows no banding of its own)."""
    rows = _leading_header_rows(grid, carried_banding)
    while len(rows) < grid.n_rows - 1 and _numbers_columns(grid, len(rows)):
        rows.append(len(rows))
    return rows


def _leading_header_rows(grid: Grid, carried_banding: frozenset[tuple[float, ...]]) -> list[int]:
    if grid.header_rows is not None:
        return list(range(grid.header_rows))
    rows = []
    banding = banding_tints(grid) | carried_banding
    for row in range(grid.n_rows):
        if not _looks_like_header(grid, row, banding):
            break
        rows.append(row)
    if not rows and grid.n_rows > 2:
        # Unstyled header: a first row of words over a body of numbers. A dash marks a
        # figure not available, so a row of dashes is a body row, not words.
        first = [c for c in grid.row_cells(0) if c.text and c.col > 0 and c.text.strip() not in MISSING_MARKS]
        if first and not any(is_number(c.text) for c in first) and not is_section_row(grid, 0):
            body_numeric = sum(is_number(c.text) for r in range(1, grid.n_rows) for c in grid.row_cells(r))
            if body_numeric:
                rows.append(0)
    if rows and len(rows) == grid.n_rows and not any(c.bold for r in rows for c in grid.row_cells(r) if c.text):
        return []  # tinted rows with no body under them: a band over rows, not a header
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
