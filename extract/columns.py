"""Column grid: the columns of a region from the x-ranges its rows of values cover,
and how each column's values line up (left, right or centre).
"""

from __future__ import annotations

from extract.lines import Line, Phrase, side_by_side
from extract.words import Box
from extract.values import is_number

ANCHOR = 0.3  # × font size: a header this close to its values' aligned edge is flush with them
TIE = 0.5  # points: values whose edges all vary less than this line up every way
EDGE = 1.0  # points: a figure this close to a column's edge is aligned with it


def columns_of(block: list[Line], header_lines: int = 0, fills: list[Box] | None = None) -> list[tuple[float, float]]:
    """Column extents: the x ranges that the fullest lines of the block cover. Sparser
    lines (wrapped labels, spanning headers) and the odd merged cell among the full
    lines would bridge the white space between columns, so they do not count, nor do
    header lines where lines of values are there to count; a number printed outside
    every column still makes one, and so does a run of status fills that print nothing. The first
    `header_lines` lines are header, whatever they print."""
    most = max(len(line.phrases) for line in block)
    dense = [line for line in block if len(line.phrases) >= max(2, 0.6 * most)]
    # Rows of values set the columns; header words, centred or wrapped over them, need not
    # line up with the values and are placed after.
    header = {id(line) for line in block[:header_lines]}  # a row of codes over the columns is header
    valued = [line for line in dense if id(line) not in header and any(is_number(p.text) for p in line.phrases)]
    valued = [line for line in valued if line not in _numbered_headers(block, valued)]
    headers = [line for line in dense if line not in valued] if len(valued) >= 2 else []
    if headers:
        dense = valued
    step = 0.5
    x_min = min(p.x0 for line in block for p in line.phrases)
    x_max = max(p.x1 for line in block for p in line.phrases)
    coverage = [0] * (int((x_max - x_min) / step) + 2)
    # Where no row of values prints its label (each wrapped round its figures), the lines
    # set beside those rows hold the label column.
    labelless = not any(ch.isalpha() for line in dense for p in line.phrases for ch in p.text)
    for line in dense:
        for p in line.phrases + (_cells_beside(block, line, header) if labelless else []):
            for i in range(int((p.x0 - x_min) / step), int((p.x1 - x_min) / step) + 1):
                coverage[i] += 1
    allowance = len(dense) // 10
    for p in _bridging([p for line in dense for p in line.phrases], coverage, x_min, step, allowance):
        for i in range(int((p.x0 - x_min) / step), int((p.x1 - x_min) / step) + 1):
            coverage[i] -= 1
    found: list[tuple[float, float]] = []
    start = None
    for i, count in enumerate(coverage + [0]):
        if count > allowance and start is None:
            start = i
        elif count <= allowance and start is not None:
            found.append((x_min + start * step, x_min + i * step))
            start = None
    found = _widened_to_figures(found, dense)
    # With one row of values alone, the header lines still head (or leave empty) columns.
    body = block.index(valued[0]) if len(valued) >= 2 else min(header_lines, len(block) - 1)
    for line in block[body:]:
        # A line none of whose phrases falls in a column (column numbers `2.1 2.4` centred
        # over wider headers) is header, placed after; it makes no columns of its own.
        if found and not any(overlap(p.x0, p.x1, c) > 0 for p in line.phrases for c in found):
            continue
        for p in line.phrases:
            stray = not any(overlap(p.x0, p.x1, c) > 0 for c in found)
            if stray and id(line) not in header and line in dense:
                found.append((p.x0, p.x1))
    found.extend(_stub_column(block, found))
    found.extend(_fill_columns(block[body:], fills or [], found))
    values_only = sorted(found)
    aligned = _shown_alignments(block[body:], values_only) if values_only and body else None
    empty: list[tuple[float, float]] = []
    for line in block[:body]:
        empty.extend(_empty_columns(line, values_only, block[:body], aligned))
    return sorted(found + _merged_ranges(empty))


def _merged_ranges(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """One column for the lines of a header wrapped over an empty column."""
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted(ranges):
        if merged and x0 < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _bridging(phrases: list[Phrase], coverage: list[int], x_min: float, step: float, allowance: int) -> list[Phrase]:
    """Phrases of full lines that alone bridge the white between columns the other lines
    keep apart (`Supressed due to low numbers` set across five month columns): merged
    cells, which set no column of their own."""
    found = []
    for p in phrases:
        lo, hi = int((p.x0 - x_min) / step), int((p.x1 - x_min) / step) + 1
        held = "".join("x" if coverage[i] - 1 > allowance else " " for i in range(lo, hi))
        if len(held.split()) >= 2:
            found.append(p)
    return found


def _stub_column(block: list[Line], columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Text printed wholly left of the first column, alone on its line or beside a row's
    label (`CSC 181  Rate of ...`), makes a column of its own even where no line with
    values prints it: codes beside a wrapped label's first line, a label wrapped around
    its figures (`At 31st / 93.0 % 91.0 % / March`). Such lines set no columns, being
    sparse. A row group's name overlaps the labels' column and is not one."""
    if not columns:
        return []
    start = min(c[0] for c in columns)
    stubs = [
        line.phrases[0] for line in block
        if line.phrases[0].x1 < start
        and (len(line.phrases) == 1 or overlap(line.phrases[1].x0, line.phrases[1].x1, min(columns)) > 0)
    ]
    if len(stubs) < 2:
        return []
    return [(min(p.x0 for p in stubs), max(p.x1 for p in stubs))]

def _widened_to_figures(found: list[tuple[float, float]], dense: list[Line]) -> list[tuple[float, float]]:
    """A column reaches as far as the figures aligned in it alone: a wider value printed
    on one row of many (`20%` among `0%`, flush with their right edge) is under the share
    the coverage allows for a stray cell, yet it is the column's edge. A figure set off
    the column's edges (a merged cell centred over two columns) widens nothing."""
    widened = list(found)
    for line in dense:
        for p in line.phrases:
            hits = [i for i, c in enumerate(found) if overlap(p.x0, p.x1, c) > 0]
            if len(hits) == 1 and is_number(p.text) and min(abs(p.x0 - found[hits[0]][0]), abs(p.x1 - found[hits[0]][1])) <= EDGE:
                i = hits[0]
                low = found[i - 1][1] if i > 0 else float("-inf")
                high = found[i + 1][0] if i + 1 < len(found) else float("inf")
                widened[i] = (max(min(widened[i][0], p.x0), low), min(max(widened[i][1], p.x1), high))
    return widened


def _fill_columns(body: list[Line], fills: list[Box], columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A RAG column printed as fills alone, no text in them: fills of one width, set at
    the heights of two or more body rows, within the table's width and clear of every
    column of text, are a column of their own (its header heads it, its status is its own)."""
    if not body or not fills:
        return []
    phrases = [p for line in body for p in line.phrases]
    size = max(p.size for p in phrases)
    left, right = min(p.x0 for p in phrases) - 2 * size, max(p.x1 for p in phrases) + 2 * size
    runs: dict[tuple[int, int], list[Box]] = {}
    for box in fills:
        x0, top, x1, bottom = box
        if x1 < left or x0 > right or any(overlap(x0, x1, c) > 0 for c in columns):
            continue
        if any(p.top < bottom and top < p.bottom and overlap(p.x0, p.x1, (x0, x1)) > 0 for p in phrases):
            continue  # a status word on its fill already makes its column
        if any(line.top < bottom and top < line.bottom for line in body):
            runs.setdefault((round(x0), round(x1)), []).append(box)
    return [(min(b[0] for b in run), max(b[2] for b in run)) for run in runs.values() if len(run) >= 2]


def _cells_beside(block: list[Line], line: Line, header: set[int]) -> list[Phrase]:
    """Phrases of the lines next to a row of values set beside it at its height (a label
    wrapped over two lines with its figures centred between them): cells of that row."""
    index = block.index(line)
    return [p for other in block[max(0, index - 1): index + 2]
            if other is not line and id(other) not in header and side_by_side(other, line) for p in other.phrases]


def _numbered_headers(block: list[Line], valued: list[Line]) -> list[Line]:
    """Lines of figures above the first labelled row that print nothing where the row
    labels are: column numbers or years over the columns (`11.1 11.2 11.3`), header
    rather than values, where at least two rows of values remain."""
    labelled = [line for line in valued if not is_number(line.phrases[0].text)]
    if not labelled:
        return []
    stub = min(line.phrases[0].x1 for line in labelled)
    first = block.index(labelled[0])
    found = [line for line in valued if block.index(line) < first and line.phrases[0].x0 >= stub]
    return found if len(valued) - len(found) >= 2 else []


def _empty_columns(line: Line, columns: list[tuple[float, float]], header: list[Line] = (),
                   aligned: list[str | None] | None = None) -> list[tuple[float, float]]:
    """Header words over no values go to the nearest column of values, unless other words
    head that column: on the same line, or on header lines level with these words (a
    staggered line, a wrapped cell's lines around them) when they head it alone and stand
    beside them, not over or under them (lines of one wrapped cell overlap; a code centred
    over two columns stands above their headers).
    Then they head a column left empty below. Words left of the first column are the first
    line of a row label, not a header. `aligned`: how each column's values line up, where
    that shows (_nearest_column)."""
    new = []
    for p in line.phrases:
        if p.x1 <= columns[0][1] or any(overlap(p.x0, p.x1, c) > 0 for c in columns):
            continue
        nearest = _nearest_column(p, columns, aligned)
        if any(overlap(q.x0, q.x1, nearest) > 0 for q in line.phrases if q is not p) or any(
                _nearer_claim(q, p, nearest, columns, aligned) for q in line.phrases if q is not p) or _headed_beside(
                p, nearest, columns, [q for other in header for q in other.phrases]) or _nearer_level_claim(
                p, nearest, columns, [q for other in header if other is not line for q in other.phrases]):
            new.append((p.x0, p.x1))
    return new


def _nearer_level_claim(p: Phrase, column: tuple[float, float], columns: list[tuple[float, float]],
                        header: list[Phrase]) -> bool:
    """A header on a line level with `p` (a wrapped header's lines around it), beside it and
    over no values either, whose text comes nearer the column both would go to: that header
    heads the column and `p` one left empty (`Fostering & / Adoption` wrapped round `YOT`).
    A wrapped header is as near as the nearest of its lines."""
    def unplaced(q: Phrase) -> bool:
        return q.x1 > columns[0][1] and not any(overlap(q.x0, q.x1, c) > 0 for c in columns)

    def gap(q: Phrase) -> float:
        pitch = q.bottom - q.top
        lines = [q] + [r for r in header if unplaced(r) and overlap(r.x0, r.x1, (q.x0, q.x1)) > 0
                       and r.top < q.bottom + pitch and r.bottom > q.top - pitch]
        return min(max(column[0] - r.x1, r.x0 - column[1], 0.0) for r in lines)

    for q in header:
        if q.top >= p.bottom or q.bottom <= p.top or overlap(q.x0, q.x1, (p.x0, p.x1)) > 0 or not unplaced(q):
            continue
        own = min(columns, key=lambda c: abs((c[0] + c[1]) / 2 - (q.x0 + q.x1) / 2))
        if own == column and gap(q) < gap(p):
            return True
    return False


def _headed_beside(p: Phrase, column: tuple[float, float], columns: list[tuple[float, float]], header: list[Phrase]) -> bool:
    alone = [
        q for q in header
        if q is not p and overlap(q.x0, q.x1, column) > 0 and not any(overlap(q.x0, q.x1, c) > 0 for c in columns if c != column)
    ]
    # Not all below (a code spanning two columns stands above both their headers), nor
    # more than a line above (a code over the column heads it as a parent).
    pitch = p.bottom - p.top
    level = [q for q in alone if q.top < p.bottom and q.bottom > p.top - pitch]
    return bool(level) and not any(overlap(q.x0, q.x1, (p.x0, p.x1)) > 0 for q in level)


def _shown_alignments(body: list[Line], columns: list[tuple[float, float]]) -> list[str | None]:
    """How each column of values lines up, where its values show it: values all as wide as
    each other line up every way (None), and the label column is no column of values."""
    anchors = value_anchors(body, columns)
    widths: list[list[float]] = [[] for _ in columns]
    for line in body:
        for p in line.phrases:
            first, last = columns_of_phrase(p, columns)
            if first == last:
                widths[first].append(p.x1 - p.x0)
    return [a if i and w and max(w) - min(w) >= TIE else None for i, (a, w) in enumerate(zip(anchors, widths))]


def _nearest_column(p: Phrase, columns: list[tuple[float, float]], aligned: list[str | None] | None) -> tuple[float, float]:
    """The column a header word over no values would head: the nearest by middle of those
    it can head. A header of right-aligned figures is centred over them or in the white to
    their left, never wholly right of them (`YOT` right of `Fostering & / Adoption`'s
    figures); one of left-aligned values never wholly left of them. The label column, whose
    alignment shows nothing, is not one it heads: with no value column it can head, it
    goes to the nearest, where words heading that one leave it a column of its own."""
    centre = (p.x0 + p.x1) / 2
    value_columns = list(zip(columns, aligned or [None] * len(columns)))[1:]
    possible = [c for c, a in value_columns
                if not (a == "right" and p.x0 >= c[1]) and not (a == "left" and p.x1 <= c[0])]
    return min(possible or columns, key=lambda c: abs((c[0] + c[1]) / 2 - centre))


def _nearer_claim(q: Phrase, p: Phrase, column: tuple[float, float], columns: list[tuple[float, float]],
                  aligned: list[str | None] | None = None) -> bool:
    """Another word of the line, over no values either, that lies nearer the column `p`
    would go to (a sparse column's values cover less than its header): that word heads it."""
    if q.x1 <= columns[0][1] or any(overlap(q.x0, q.x1, c) > 0 for c in columns):
        return False
    middle = (column[0] + column[1]) / 2
    distance = abs((q.x0 + q.x1) / 2 - middle)
    own = _nearest_column(q, columns, aligned)
    return own == column and distance < abs((p.x0 + p.x1) / 2 - middle)


def overlap(x0: float, x1: float, column: tuple[float, float]) -> float:
    return max(0.0, min(x1, column[1]) - max(x0, column[0]))


def columns_of_phrase(p: Phrase, columns: list[tuple[float, float]]) -> tuple[int, int]:
    hits = [i for i, c in enumerate(columns) if overlap(p.x0, p.x1, c) > 0.3 * min(p.x1 - p.x0, c[1] - c[0])]
    if not hits:
        hits = [min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - (p.x0 + p.x1) / 2))]
    return hits[0], hits[-1]


def value_anchors(body: list[Line], columns: list[tuple[float, float]]) -> list[str | None]:
    """Where each column's values line up: 'left', 'right' or 'centre', whichever edge of
    the values varies least down the column (None with fewer than two values)."""
    edges: list[list[tuple[float, float]]] = [[] for _ in columns]
    for line in body:
        for p in line.phrases:
            first, last = columns_of_phrase(p, columns)
            if first == last:
                edges[first].append((p.x0, p.x1))
    anchors: list[str | None] = []
    tied = []
    for i, found in enumerate(edges):
        if len(found) < 2:
            anchors.append(None)
            continue
        spread = {
            "left": max(x0 for x0, _ in found) - min(x0 for x0, _ in found),
            "right": max(x1 for _, x1 in found) - min(x1 for _, x1 in found),
            "centre": max(x0 + x1 for x0, x1 in found) / 2 - min(x0 + x1 for x0, x1 in found) / 2,
        }
        anchors.append(min(spread, key=spread.get))
        if max(spread.values()) - min(spread.values()) < TIE:
            tied.append(i)
    # Values all as wide as each other line up every way: they are set like the table's
    # other value columns.
    decided = [a for i, a in enumerate(anchors[1:], 1) if a and i not in tied]
    if decided:
        usual = max(set(decided), key=decided.count)
        for i in tied:
            anchors[i] = usual
    return anchors


def slots(columns: list[tuple[float, float]], anchors: list[str | None]) -> list[tuple[float, float]]:
    """The room each column's header is set in: right-aligned values leave the white to
    their left to the column (a header centred over them sits left of their middle),
    left-aligned values the white to their right."""
    found = []
    for i, (x0, x1) in enumerate(columns):
        if anchors[i] == "right" and i > 0:
            x0 = columns[i - 1][1]
        elif anchors[i] == "left" and i < len(columns) - 1:
            x1 = columns[i + 1][0]
        found.append((x0, x1))
    return found


def anchored(p: Phrase, column: tuple[float, float], anchor: str | None) -> bool:
    """A header set flush with its column's values (same left edge over left-aligned
    values, same right edge over right-aligned ones) heads that column alone."""
    tolerance = ANCHOR * p.size
    if anchor == "left":
        return abs(p.x0 - column[0]) <= tolerance
    if anchor == "right":
        return abs(p.x1 - column[1]) <= tolerance
    return False
