"""Lines -> table regions: the runs of lines that hold one table each.

A region ends at a wide vertical gap or a line of prose; tables side by side part at a
wide white river, tables stacked close together at the next one's header. Grids that are
not data tables (charts, aligned prose) are told apart here too; contents lists in
extract/contents.py.
"""

from __future__ import annotations

from statistics import median

from extract.columns import columns_of, overlap
from extract.grid import Grid
from extract.header_tree import header_line_count, is_body_line, is_bold_line
from extract.lines import Line, Phrase, WRAP_GAP, side_by_side
from extract.values import is_number

BLOCK_GAP = 2.2  # × font size: a wider vertical gap ends a table
RIVER = 3.5  # × font size: a white column this wide splits side-by-side tables
PROSE = 0.45  # share of page width: a phrase this wide is running text, not a cell
SIZE_STEP = 1.5  # × font size: text this much larger or smaller after a gap is another table
LEVEL_GAP = 1.0  # × font size: a bold line this close over a header may be a level of it
TITLE_SIZE = 1.25  # × the table's median size: a leading line this large is a title
CAPTION_SIZE = 1.1  # × the table's median size: a lone bold line this large is a caption
NOTE_WORDS = 4  # a lone smaller line of this many words under a table is a note
NOTE_SIZE = 0.95  # × the table's median size: a note under it is set this small or smaller
HEADER_LINES = 4  # the most header lines read over a table of one row


def table_regions(lines: list[Line], page_width: float) -> list[list[Line]]:
    """The runs of lines that hold one table each, title lines left out."""
    return [_without_caption(_without_title(table)) for block in blocks_of(lines, page_width) for table in _split_at_headers(block)]


def blocks_of(lines: list[Line], page_width: float, fewest_rows: int = 2) -> list[list[Line]]:
    """Runs of lines close enough to be one table, holding at least `fewest_rows` multi-cell
    lines. A line of prose (one wide phrase) ends a table."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for index, line in enumerate(lines):
        if len(line.phrases) <= 2 and max(p.x1 - p.x0 for p in line.phrases) > PROSE * page_width:
            if current:
                blocks.append(current)
            current = []
            continue
        if current and _is_note_under(line, current):
            blocks.append(current)
            current = []
            continue
        if current and (_parts_blocks(current[-1], line) or _is_title_between(line, current)):
            blocks.append(current)
            current = []
        if current or len(line.phrases) >= 2 or _beside_values(lines, index):
            if not current:
                current = _tight_lines_above(lines, line)
            current.append(line)
    if current:
        blocks.append(current)
    out = []
    for block in blocks:
        while block and len(block[-1].phrases) < 2 and len(block) > 1 and block[-1].top - block[-2].bottom > WRAP_GAP * block[-1].size:
            block = block[:-1]
        if _multi_cell_rows(block) >= fewest_rows:
            out.extend(_split_by_rivers(block, fewest_rows))
        elif _multi_cell_rows(block) == 1 and (header := _header_over_row(lines, block)):
            out.append(header + block)
    return out


def _is_table(block: list[Line]) -> bool:
    """Two rows of several cells, or one row of figures with its header stacked over them."""
    return _multi_cell_rows(block) >= 2 or _is_headed_row(block)


def _row_parts(block: list[Line]) -> tuple[list[Phrase], list[Phrase]]:
    """A one-row block's label (the phrases at its left edge, wrapped over lines) and the
    phrases right of it."""
    left = min(p.x0 for line in block for p in line.phrases)
    phrases = [p for line in block for p in line.phrases]
    label = [p for p in phrases if p.x0 - left <= p.size]
    return label, [p for p in phrases if p.x0 - left > p.size]


def _figure_row(block: list[Line]) -> bool:
    """One row: a label of words, wrapped over lines a wrap's gap apart, with figures
    only right of it."""
    label, figures = _row_parts(block)
    if not figures or not all(is_number(p.text) for p in figures) or max(p.x1 for p in label) >= min(p.x0 for p in figures):
        return False
    if not _worded(" ".join(p.text for p in label)):
        return False
    return all(b.top - a.bottom <= WRAP_GAP * b.size for a, b in zip(block, block[1:]))


def _worded(text: str) -> bool:
    """A row label names its row in words, not in figures run together."""
    return sum(ch.isalpha() for ch in text) >= 3


def _heads_figures(line: Line, figures: list[Phrase]) -> bool:
    """Each figure has a phrase of the header line over it or beside it (a header centred
    over a column its figure is flush with one edge of), and each phrase a figure."""
    def near(p: Phrase, q: Phrase) -> bool:
        return max(p.x0, q.x0) - min(p.x1, q.x1) <= p.size
    return (all(any(near(p, f) for p in line.phrases) for f in figures)
            and all(any(near(p, f) for f in figures) for p in line.phrases))


def _header_over_row(lines: list[Line], block: list[Line]) -> list[Line]:
    """A table of one row (`Lancs` over `Percentage   96.3 %`): the header lines stacked a
    level's gap or less over a row of figures, clear of its label and standing over its
    figures; a wrap's gap parts the lines of one cell, a wider one a level. Prose with a
    figure in it, a caption or a running head has no such header."""
    if not _figure_row(block):
        return []
    label, figures = _row_parts(block)
    label_right = max(p.x1 for p in label)
    header: list[Line] = []
    index = lines.index(block[0])
    while index > 0 and len(header) < HEADER_LINES:
        candidate, nearest = lines[index - 1], (header[0] if header else block[0])
        if nearest.top - candidate.bottom > LEVEL_GAP * nearest.size:
            break
        if any(p.x0 <= label_right or (is_number(p.text) and not p.bold) for p in candidate.phrases):
            break
        header.insert(0, candidate)
        index -= 1
    return header if header and _heads_figures(header[-1], figures) else []


def _is_headed_row(block: list[Line]) -> bool:
    """A block read by _header_over_row: header lines over one row of figures."""
    for start in range(1, min(HEADER_LINES, len(block) - 1) + 1):
        head, row = block[:start], block[start:]
        if _multi_cell_rows(row) == 1 and _figure_row(row) and _header_over_row(block, row) == head:
            return True
    return False


def _is_title_between(line: Line, current: list[Line]) -> bool:
    """A lone line set clearly larger than the table above it, or larger and bold, is a
    caption or the next table's title: the table ends there."""
    if len(line.phrases) != 1:
        return False
    size = median(other.size for other in current)
    return line.size > TITLE_SIZE * size or (line.size > CAPTION_SIZE * size and line.phrases[0].bold)


def _is_note_under(line: Line, current: list[Line]) -> bool:
    """A lone line of words set smaller than the table above it and out at its left edge
    (not indented into a cell) is a note under the table, which ends there."""
    if len(line.phrases) != 1 or len(line.phrases[0].text.split()) < NOTE_WORDS:
        return False
    left = min(p.x0 for other in current for p in other.phrases)
    return line.size < NOTE_SIZE * median(other.size for other in current) and line.phrases[0].x0 <= left + 1.0


def _parts_blocks(above: Line, line: Line) -> bool:
    """A wide vertical gap ends a table; so does a narrower one, still wider than the smaller
    text's block gap, where the text changes size (a summary box set larger under a table
    fitted small to its page)."""
    gap = line.top - above.bottom
    if gap > BLOCK_GAP * max(line.size, above.size):
        return True
    small, large = sorted((line.size, above.size))
    return large > SIZE_STEP * small and gap > BLOCK_GAP * small


def _beside_values(lines: list[Line], index: int) -> bool:
    """A one-phrase line that shares its height with a neighbouring line standing clear of
    it: a wrapped label's first line with its value centred beside it, a row of two cells."""
    line = lines[index]
    return any(side_by_side(other, line) for other in lines[max(0, index - 1): index + 2] if other is not line)


def _multi_cell_rows(block: list[Line]) -> int:
    """Rows of more than one cell: a line of several phrases, or lines side by side."""
    runs: list[list[Line]] = []
    for i, line in enumerate(block):
        if runs and side_by_side(block[i - 1], line):
            runs[-1].append(line)
        else:
            runs.append([line])
    return sum(len(run) >= 2 or len(run[0].phrases) >= 2 for run in runs)


def _tight_lines_above(lines: list[Line], first: Line) -> list[Line]:
    """A header cell wrapped over lines starts above the first full line of its table, and
    a spanning header set bold over the header, within its extent, a level's gap above."""
    above: list[Line] = []
    index = lines.index(first)
    while index > 0:
        candidate = lines[index - 1]
        nearest = above[0] if above else first
        gap = nearest.top - candidate.bottom
        spanning = (gap <= LEVEL_GAP * nearest.size and is_bold_line(candidate) and is_bold_line(first)
                    and first.phrases[0].x0 <= candidate.phrases[0].x0 and candidate.phrases[-1].x1 <= first.phrases[-1].x1)
        if (gap > WRAP_GAP * nearest.size and not spanning) or len(candidate.phrases) >= 2:
            break
        above.insert(0, candidate)
        index -= 1
    return above


def _split_by_rivers(block: list[Line], fewest_rows: int = 2) -> list[list[Line]]:
    """Tables side by side share lines; a wide white column parts them where a new
    column of row labels starts. A wide gutter inside one table (labels far from their
    values, sparse columns) is not a cut."""
    size = median(line.size for line in block)
    spans = sorted((p.x0, p.x1) for line in block for p in line.phrases)
    cuts, reach = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= RIVER * size:
            cuts.append((reach + x0) / 2)
        reach = max(reach, x1)
    ranges = list(zip([float("-inf")] + cuts, cuts + [float("inf")]))
    merged: list[tuple[float, float]] = [ranges[0]]
    for left, right in ranges[1:]:
        current = _lines_between(block, *merged[-1])
        following = _lines_between(block, left, right)
        own_table = _has_values(current) or len(columns_of(current)) > 2
        if own_table and _starts_with_labels(following):
            merged.append((left, right))
        else:
            merged[-1] = (merged[-1][0], right)
    parts = [_lines_between(block, left, right) for left, right in merged]
    return [part for part in parts if _multi_cell_rows(part) >= fewest_rows or _is_table(part)]


def _has_values(part: list[Line]) -> bool:
    """Figures after a row's first phrase: a figure that starts a row is its code or
    number (`8.5`), so a stub of codes and labels is not a table of its own."""
    return any(is_number(p.text) for line in part for p in line.phrases[1:])


def _starts_with_labels(part: list[Line]) -> bool:
    columns = columns_of(part) if part else []
    if not columns:
        return False
    first = columns[0]
    texts = [p.text for line in part for p in line.phrases if overlap(p.x0, p.x1, first) > 0]
    wordy = sum(sum(ch.isalpha() for ch in t) >= 3 for t in texts)
    return len(set(texts)) >= 2 and not any(is_number(t) for t in texts) and wordy * 2 > len(texts)


def _lines_between(block: list[Line], left: float, right: float) -> list[Line]:
    return [
        Line([p for p in line.phrases if left < p.x0 < right])
        for line in block
        if any(left < p.x0 < right for p in line.phrases)
    ]


def _split_at_headers(block: list[Line]) -> list[list[Line]]:
    """Tables stacked close together: a bold line of several cells after body rows is the
    next table's header. Lone lines between them (a caption, a note) belong to neither
    table, unless they sit tight above the header as its wrapped first words."""
    parts: list[list[Line]] = [[]]
    paired = {id(b) for a, b in zip(block, block[1:]) if side_by_side(a, b)}
    for line in block:
        starts_table = len(line.phrases) >= 2 and all(p.bold for p in line.phrases)
        rows = [other for other in parts[-1] if len(other.phrases) >= 2 or (id(other) in paired and not is_bold_line(other))]
        if starts_table and rows and not is_bold_line(rows[-1]):
            between = parts[-1][parts[-1].index(rows[-1]) + 1:]
            head = _tight_above(between, line)
            tail = between[: len(between) - len(head)]
            wrapped = _tight_below(rows[-1], tail)  # the last row's label wrapped under it
            parts[-1] = parts[-1][: len(parts[-1]) - len(between) + len(wrapped)]
            parts.append(head)
        parts[-1].append(line)
    return [part for part in parts if _is_table(part)]


def _tight_below(row: Line, lines: list[Line]) -> list[Line]:
    """The first of `lines` that stack tightly under `row`, each within a wrap's gap."""
    kept: list[Line] = []
    for candidate in lines:
        nearest = kept[-1] if kept else row
        if candidate.top - nearest.bottom > WRAP_GAP * candidate.size:
            break
        kept.append(candidate)
    return kept


def _tight_above(lines: list[Line], first: Line) -> list[Line]:
    """The last of `lines` that stack tightly over `first`, each within a wrap's gap."""
    kept: list[Line] = []
    for candidate in reversed(lines):
        nearest = kept[0] if kept else first
        if nearest.top - candidate.bottom > WRAP_GAP * nearest.size:
            break
        kept.insert(0, candidate)
    return kept


def _without_title(block: list[Line]) -> list[Line]:
    """Leading lines set clearly larger than the table's text are its title, not a header
    row; left out, they are read as the heading above the table."""
    size = median(line.size for line in block)
    start = 0
    while start < len(block) - 2 and block[start].size > TITLE_SIZE * size:
        start += 1
    return block[start:]


def _without_caption(block: list[Line]) -> list[Line]:
    """A caption over the header (`Table 1: Care leavers`) is one phrase set flush with
    the table's left edge and reaching on over the value columns, with header lines, not
    body rows, under it; it names the table and heads no column. A lone line over body
    rows is a row group's name and stays."""
    while len(block) > 3:
        columns = columns_of(block, header_line_count(block))
        if len(columns) < 2:
            break
        inside = [p for p in block[0].phrases if p.x0 < columns[-1][1] and p.x1 > columns[0][0]]
        if len(inside) != 1 or is_body_line(block[1], block):
            break
        caption = inside[0]
        if abs(caption.x0 - columns[0][0]) > caption.size or caption.x1 < (columns[0][1] + columns[1][0]) / 2:
            break
        block = block[1:]
    return block


def is_chart(grid: Grid) -> bool:
    """Bars and gridlines make ruled 'cells' that hold almost no text."""
    with_text = sum(1 for c in grid.cells if c.text)
    return with_text < 2 or with_text < 0.3 * len(grid.cells)


def has_numbers(grid: Grid) -> bool:
    """A data table prints numbers on more than one row, or on its one body row under a
    header that heads them (`Lancs NW National` over one row of percentages, `Lancs` over
    one figure); aligned prose, filter panels and a chart's axis line do not."""
    numbers = [c for c in grid.cells if c.col > 0 and is_number(c.text)]
    rows = {c.row for c in numbers}
    if len(rows) >= 2:
        return True
    if not rows or not grid.header_rows:
        return False
    label = grid.at(numbers[0].row, 0)
    if label is None or not label.text or is_number(label.text):
        return False  # headline figures under their names, no row label: not a table
    if len(numbers) == 1 and not _worded(label.text):
        return False  # one figure beside figures run together (a chart's labels), no words
    headed = {col for c in grid.cells if c.row < grid.header_rows and c.text for col in range(c.col, c.col + c.col_span)}
    return all(c.col in headed for c in numbers)
