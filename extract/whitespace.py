"""Grids for tables drawn without rules: columns from the white space that runs down a
block of text lines, rows from how lines sit against each other.

Works from characters alone, so it reads the same table whether or not it is ruled,
whatever its fonts and column widths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from extract.grid import Box, Grid, GridCell, _is_bold, ink_of, text_of_chars
from extract.values import parse_value

PHRASE_GAP = 0.5  # × font size: a wider gap between characters separates cells
MONO_GAP = 1.5  # × a fixed-pitch face's advance: one space joins words, two part cells
BLOCK_GAP = 2.2  # × font size: a wider vertical gap ends a table
RIVER = 3.5  # × font size: a white column this wide splits side-by-side tables
WRAP_GAP = 0.45  # × font size: lines closer than this may be one wrapped cell
PAGE_MARGIN = 0.035  # share of page height holding running headers and footers
PROSE = 0.45  # share of page width: a phrase this wide is running text, not a cell
SPAN_REACH = 0.75  # share of the gap to a column that a header must cross to span it
WORD_GAP = 0.15  # × font size: a wider gap inside a phrase parts two words
ANCHOR = 0.3  # × font size: a header this close to its values' aligned edge is flush with them
TITLE_SIZE = 1.25  # × the table's median size: a leading line this large is a title
BULLETS = {"•", "◦", "▪", "‣"}


@dataclass
class Phrase:
    chars: list[dict]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str = ""

    def __hash__(self) -> int:
        return id(self)

    @classmethod
    def of(cls, chars: list[dict]) -> "Phrase":
        visible = [c for c in chars if c["text"].strip()]
        return cls(
            chars,
            min(c["x0"] for c in visible),
            max(c["x1"] for c in visible),
            min(c["top"] for c in visible),
            max(c["bottom"] for c in visible),
            max(c.get("size") or 0.0 for c in visible),
            sum(_is_bold(c.get("fontname", "")) for c in visible) * 2 > len(visible),
            text_of_chars(chars),
        )


@dataclass
class Line:
    phrases: list[Phrase]
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.phrases.sort(key=lambda p: p.x0)
        self.top = min(p.top for p in self.phrases)
        self.bottom = max(p.bottom for p in self.phrases)
        self.size = max(p.size for p in self.phrases)


@dataclass
class Band:
    lines: list[Line] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)


def _inside(x: float, y: float, boxes: list[Box]) -> bool:
    return any(b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1 for b in boxes)


def _monospaced_advance(row: list[dict]) -> float:
    """The advance of a fixed-pitch face (every glyph as wide as the next), whose word
    space is a whole character wide; 0 for a proportional face."""
    widths = sorted(c["x1"] - c["x0"] for c in row if c["text"].strip())
    if len(widths) < 8:
        return 0.0
    typical = widths[len(widths) // 2]
    return typical if widths[-1] - widths[0] <= 0.05 * typical else 0.0


def text_lines(chars: list[dict], page_height: float, exclude: list[Box]) -> list[Line]:
    """Lines of phrases, leaving out characters in `exclude` and in the page margins."""
    kept = []
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if cy < page_height * PAGE_MARGIN or cy > page_height * (1 - PAGE_MARGIN):
            continue
        if not _inside(cx, cy, exclude):
            kept.append(char)
    rows: list[list[dict]] = []
    row_centre = 0.0
    for char in sorted(kept, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        centre = (char["top"] + char["bottom"]) / 2
        if rows and abs(centre - row_centre) <= (char.get("size") or 6.0) * 0.35:
            rows[-1].append(char)
            continue
        rows.append([char])
        row_centre = centre
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        advance = _monospaced_advance(row)
        phrases, current, previous = [], [], None
        for char in row:
            if previous is not None and char["text"].strip():
                gap = char["x0"] - previous["x1"]
                if gap > max(PHRASE_GAP * (char.get("size") or 6.0), MONO_GAP * advance) and "".join(c["text"] for c in current).strip() not in BULLETS:
                    if any(c["text"].strip() for c in current):
                        phrases.append(Phrase.of(current))
                    current = []
            current.append(char)
            if char["text"].strip():
                previous = char
        if any(c["text"].strip() for c in current):
            phrases.append(Phrase.of(current))
        if phrases:
            lines.append(Line(phrases))
    return lines


def blocks_of(lines: list[Line], page_width: float) -> list[list[Line]]:
    """Runs of lines close enough to be one table, holding at least two multi-cell lines.
    A line of prose (one wide phrase) ends a table."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if len(line.phrases) <= 2 and max(p.x1 - p.x0 for p in line.phrases) > PROSE * page_width:
            if current:
                blocks.append(current)
            current = []
            continue
        if current and line.top - current[-1].bottom > BLOCK_GAP * max(line.size, current[-1].size):
            blocks.append(current)
            current = []
        if current or len(line.phrases) >= 2:
            if not current:
                current = _tight_lines_above(lines, line)
            current.append(line)
    if current:
        blocks.append(current)
    out = []
    for block in blocks:
        while block and len(block[-1].phrases) < 2 and len(block) > 1 and block[-1].top - block[-2].bottom > WRAP_GAP * block[-1].size:
            block = block[:-1]
        if sum(len(line.phrases) >= 2 for line in block) >= 2:
            out.extend(_split_by_rivers(block))
    return out


def _tight_lines_above(lines: list[Line], first: Line) -> list[Line]:
    """A header cell wrapped over lines starts above the first full line of its table."""
    above: list[Line] = []
    index = lines.index(first)
    while index > 0:
        candidate = lines[index - 1]
        nearest = above[0] if above else first
        if nearest.top - candidate.bottom > WRAP_GAP * nearest.size or len(candidate.phrases) >= 2:
            break
        above.insert(0, candidate)
        index -= 1
    return above


def _split_by_rivers(block: list[Line]) -> list[list[Line]]:
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
        own_table = _has_numbers(current) or len(columns_of(current)) > 2
        if own_table and _starts_with_labels(following):
            merged.append((left, right))
        else:
            merged[-1] = (merged[-1][0], right)
    parts = [_lines_between(block, left, right) for left, right in merged]
    return [part for part in parts if sum(len(line.phrases) >= 2 for line in part) >= 2]


def _has_numbers(part: list[Line]) -> bool:
    return any(_is_number(p.text) for line in part for p in line.phrases)


def _starts_with_labels(part: list[Line]) -> bool:
    columns = columns_of(part) if part else []
    if not columns:
        return False
    first = columns[0]
    texts = [p.text for line in part for p in line.phrases if _overlap(p.x0, p.x1, first) > 0]
    wordy = sum(sum(ch.isalpha() for ch in t) >= 3 for t in texts)
    return len(set(texts)) >= 2 and not any(_is_number(t) for t in texts) and wordy * 2 > len(texts)


def _lines_between(block: list[Line], left: float, right: float) -> list[Line]:
    return [
        Line([p for p in line.phrases if left < p.x0 < right])
        for line in block
        if any(left < p.x0 < right for p in line.phrases)
    ]


def columns_of(block: list[Line]) -> list[tuple[float, float]]:
    """Column extents: the x ranges that the fullest lines of the block cover. Sparser
    lines (wrapped labels, spanning headers) and the odd merged cell among the full
    lines would bridge the white space between columns, so they do not count, nor do
    header lines where lines of values are there to count; a number printed outside
    every column still makes one."""
    most = max(len(line.phrases) for line in block)
    dense = [line for line in block if len(line.phrases) >= max(2, 0.6 * most)]
    # Rows of values set the columns; header words, centred or wrapped over them, need not
    # line up with the values and are placed after.
    valued = [line for line in dense if any(_is_number(p.text) for p in line.phrases)]
    headers = [line for line in dense if line not in valued] if len(valued) >= 2 else []
    if headers:
        dense = valued
    step = 0.5
    x_min = min(p.x0 for line in block for p in line.phrases)
    x_max = max(p.x1 for line in block for p in line.phrases)
    coverage = [0] * (int((x_max - x_min) / step) + 2)
    for line in dense:
        for p in line.phrases:
            for i in range(int((p.x0 - x_min) / step), int((p.x1 - x_min) / step) + 1):
                coverage[i] += 1
    allowance = len(dense) // 10
    found: list[tuple[float, float]] = []
    start = None
    for i, count in enumerate(coverage + [0]):
        if count > allowance and start is None:
            start = i
        elif count <= allowance and start is not None:
            found.append((x_min + start * step, x_min + i * step))
            start = None
    for line in block:
        for p in line.phrases:
            stray = not any(_overlap(p.x0, p.x1, c) > 0 for c in found)
            if stray and (line in dense or _is_number(p.text)):
                found.append((p.x0, p.x1))
    for line in headers:
        found.extend(_empty_columns(line, found))
    return sorted(found)


def _empty_columns(line: Line, columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Header words over no values go to the nearest column of values, unless other words
    of the line head that column: then they head a column left empty below."""
    new = []
    for p in line.phrases:
        if any(_overlap(p.x0, p.x1, c) > 0 for c in columns):
            continue
        centre = (p.x0 + p.x1) / 2
        nearest = min(columns, key=lambda c: abs((c[0] + c[1]) / 2 - centre))
        if any(_overlap(q.x0, q.x1, nearest) > 0 for q in line.phrases if q is not p):
            new.append((p.x0, p.x1))
    return new


def _overlap(x0: float, x1: float, column: tuple[float, float]) -> float:
    return max(0.0, min(x1, column[1]) - max(x0, column[0]))


def _columns_of_phrase(p: Phrase, columns: list[tuple[float, float]]) -> tuple[int, int]:
    hits = [i for i, c in enumerate(columns) if _overlap(p.x0, p.x1, c) > 0.3 * min(p.x1 - p.x0, c[1] - c[0])]
    if not hits:
        hits = [min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - (p.x0 + p.x1) / 2))]
    return hits[0], hits[-1]


def value_anchors(body: list[Line], columns: list[tuple[float, float]]) -> list[str | None]:
    """Where each column's values line up: 'left', 'right' or 'centre', whichever edge of
    the values varies least down the column (None with fewer than two values)."""
    edges: list[list[tuple[float, float]]] = [[] for _ in columns]
    for line in body:
        for p in line.phrases:
            first, last = _columns_of_phrase(p, columns)
            if first == last:
                edges[first].append((p.x0, p.x1))
    anchors = []
    for found in edges:
        if len(found) < 2:
            anchors.append(None)
            continue
        spread = {
            "left": max(x0 for x0, _ in found) - min(x0 for x0, _ in found),
            "right": max(x1 for _, x1 in found) - min(x1 for _, x1 in found),
            "centre": max(x0 + x1 for x0, x1 in found) / 2 - min(x0 + x1 for x0, x1 in found) / 2,
        }
        anchors.append(min(spread, key=spread.get))
    return anchors


def _anchored(p: Phrase, column: tuple[float, float], anchor: str | None) -> bool:
    """A header set flush with its column's values (same left edge over left-aligned
    values, same right edge over right-aligned ones) heads that column alone."""
    tolerance = ANCHOR * p.size
    if anchor == "left":
        return abs(p.x0 - column[0]) <= tolerance
    if anchor == "right":
        return abs(p.x1 - column[1]) <= tolerance
    return False


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


def _flush_pieces(p: Phrase, columns: list[tuple[float, float]], anchors: list[str | None]) -> list[Phrase]:
    """A header phrase whose words part into pieces each set flush with the values of its
    own column is that many headers (a fixed-pitch face sets `April May June` over three
    columns one space apart); otherwise it stays whole."""
    words = _words(p)
    if len(words) < 2 or len(words) > 8 or not _monospaced_advance(p.chars):
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
        placed = [_columns_of_phrase(q, columns) for q in pieces]
        if all(f == l and _anchored(q, columns[f], anchors[f]) for q, (f, l) in zip(pieces, placed)) \
                and len({f for f, _ in placed}) == len(pieces) and len(pieces) > len(best):
            best = pieces
    return best


def _header_span(p: Phrase, line: Line, columns: list[tuple[float, float]], anchors: list[str | None]) -> tuple[int, int]:
    """A header's text spans the columns it reaches most of the way across the white
    space to and is centred over ('Revenue' over two columns below), unless other words
    of its line head a column it reaches into, or it is set flush with one column's values."""
    first, last = _columns_of_phrase(p, columns)
    if first == last and _anchored(p, columns[first], anchors[first]):
        return first, last
    claimed = {i for q in line.phrases if q is not p for i in range(len(columns)) if _overlap(q.x0, q.x1, columns[i]) > 0}
    def across(inner: float, outer: float) -> float:  # a point most of the way over the gap
        return inner + SPAN_REACH * (outer - inner)

    def centred(a: int, b: int) -> bool:  # the text sits nearer the middle of a..b than of first..last
        centre = (p.x0 + p.x1) / 2
        return abs(centre - (columns[a][0] + columns[b][1]) / 2) < abs(centre - (columns[first][0] + columns[last][1]) / 2)

    while first > 0 and first - 1 not in claimed and p.x0 < across(columns[first][0], columns[first - 1][1]) and centred(first - 1, last):
        first -= 1
    while last < len(columns) - 1 and last + 1 not in claimed and p.x1 > across(columns[last][1], columns[last + 1][0]) and centred(first, last + 1):
        last += 1
    return first, last


def bands_of(block: list[Line], columns: list[tuple[float, float]]) -> list[Band]:
    """Rows: a line joins the band above when it sits close under it and adds no number
    where the band already has text in that column (a wrapped label, a centred value)."""
    bands: list[Band] = []
    for line in block:
        if bands and _continues(bands[-1], line, columns):
            bands[-1].lines.append(line)
        else:
            bands.append(Band([line]))
    return bands


def _continues(band: Band, line: Line, columns: list[tuple[float, float]]) -> bool:
    if line.top - band.bottom > WRAP_GAP * line.size:
        return False
    above = [p for other in band.lines for p in other.phrases]
    for p in line.phrases:
        for q in above:
            if min(p.x1, q.x1) - max(p.x0, q.x0) <= 0:
                continue
            # '1' over 'above / below range limit' is one wrapped cell; stacked numbers are rows.
            if _is_number(p.text) or (_is_number(q.text) and not p.text[:1].islower()):
                return False
    return True


def _is_number(text: str) -> bool:
    """Wrapped text continues under a cell ('1' over 'above / below'); a number never does."""
    parsed = parse_value(text)
    return parsed.value is not None or parsed.numerator is not None


def _cell_of(phrases: list[Phrase], row: int, first: int, last: int, edges: list[float], top: float, bottom: float) -> GridCell:
    phrases = sorted(phrases, key=lambda p: (round(p.top), p.x0))
    chars = [c for p in phrases for c in p.chars]
    visible = [c for c in chars if c["text"].strip()]
    cell = GridCell(row, first, 1, last - first + 1, edges[first], top, edges[last + 1], bottom)
    cell.text = " ".join(p.text for p in phrases)
    cell.bold = sum(p.bold for p in phrases) * 2 > len(phrases)
    cell.size = max(p.size for p in phrases)
    cell.ink = ink_of(visible)
    cell.text_box = (
        min(c["x0"] for c in visible),
        min(c["top"] for c in visible),
        max(c["x1"] for c in visible),
        max(c["bottom"] for c in visible),
    )
    return cell


def _header_line_count(block: list[Line]) -> int:
    """Leading lines set in bold (or, in an unstyled table, leading lines without
    numbers) are the header."""
    count = 0
    for line in block:
        if not all(p.bold for p in line.phrases):
            break
        count += 1
    if count == 0:
        for line in block[:3]:
            if any(_is_number(p.text) for p in line.phrases):
                break
            count += 1
        if count == len(block[:3]):
            count = 0
    return count if count < len(block) else 0


def _header_cells(lines: list[Line], columns: list[tuple[float, float]], edges: list[float], anchors: list[str | None]) -> tuple[list[GridCell], int]:
    """Header cells by column span: phrases over the same columns are one (wrapped)
    cell; a cell over several others is their parent, one header row above them."""
    groups: dict[tuple[int, int], list[Phrase]] = {}
    for line in lines:
        for p in line.phrases:
            groups.setdefault(_header_span(p, line, columns, anchors), []).append(p)
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
        cell = _cell_of(phrases, d, first, last, edges, top, bottom)
        cell.row_span = 1 if has_children else rows - d
        cells.append(cell)
    return cells, rows


def grid_of_block(page_number: int, block: list[Line]) -> Grid | None:
    columns = columns_of(block)
    if len(columns) < 2:
        return None
    edges = [columns[0][0]] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [columns[-1][1]]
    n_header = _header_line_count(block)
    while n_header and all(p.x1 <= edges[1] for p in block[n_header - 1].phrases):
        n_header -= 1  # a row group's name set in bold beside the first row
    anchors = value_anchors(block[n_header:], columns)
    block = [Line([q for p in line.phrases for q in _flush_pieces(p, columns, anchors)]) for line in block[:n_header]] + block[n_header:]
    cells, header_rows = _header_cells(block[:n_header], columns, edges, anchors) if n_header else ([], 0)
    bands = bands_of(block[n_header:], columns)
    for index, band in enumerate(bands):
        r = header_rows + index
        spans: list[list] = []  # [first, last, phrases]
        for line in band.lines:
            for p in line.phrases:
                first, last = _columns_of_phrase(p, columns)
                for span in spans:
                    if first <= span[1] and last >= span[0]:
                        span[0], span[1] = min(span[0], first), max(span[1], last)
                        span[2].append(p)
                        break
                else:
                    spans.append([first, last, [p]])
        covered = set()
        for first, last, phrases in spans:
            cells.append(_cell_of(phrases, r, first, last, edges, band.top, band.bottom))
            covered.update(range(first, last + 1))
        for c in range(len(columns)):
            if c not in covered:
                cells.append(GridCell(r, c, 1, 1, edges[c], band.top, edges[c + 1], band.bottom))
    top = min(line.top for line in block)
    bbox = (edges[0], top, edges[-1], max(line.bottom for line in block))
    return Grid(page_number, bbox, header_rows + len(bands), len(columns), cells, edges, ruled=False, header_rows=header_rows)


def _split_at_headers(block: list[Line]) -> list[list[Line]]:
    """Tables stacked close together: a bold line of several cells after body rows is the
    next table's header. Lone lines between them (a caption, a note) belong to neither
    table, unless they sit tight above the header as its wrapped first words."""
    parts: list[list[Line]] = [[]]
    for line in block:
        starts_table = len(line.phrases) >= 2 and all(p.bold for p in line.phrases)
        rows = [other for other in parts[-1] if len(other.phrases) >= 2]
        if starts_table and rows and not all(p.bold for p in rows[-1].phrases):
            between = parts[-1][parts[-1].index(rows[-1]) + 1:]
            parts[-1] = parts[-1][: len(parts[-1]) - len(between)]
            parts.append(_tight_above(between, line))
        parts[-1].append(line)
    return [part for part in parts if sum(len(line.phrases) >= 2 for line in part) >= 2]


def _tight_above(lines: list[Line], first: Line) -> list[Line]:
    """The last of `lines` that stack tightly over `first`, each within a wrap's gap."""
    kept: list[Line] = []
    for candidate in reversed(lines):
        nearest = kept[0] if kept else first
        if nearest.top - candidate.bottom > WRAP_GAP * nearest.size:
            break
        kept.insert(0, candidate)
    return kept


def lines_outside(lines: list[Line], boxes: list[Box]) -> list[Line]:
    """The lines, less the phrases that lie in any of the boxes."""
    out = []
    for line in lines:
        kept = [p for p in line.phrases if not _inside((p.x0 + p.x1) / 2, (p.top + p.bottom) / 2, boxes)]
        if kept:
            out.append(line if len(kept) == len(line.phrases) else Line(kept))
    return out


def _without_title(block: list[Line]) -> list[Line]:
    """Leading lines set clearly larger than the table's text are its title, not a header
    row; left out, they are read as the heading above the table."""
    size = median(line.size for line in block)
    start = 0
    while start < len(block) - 2 and block[start].size > TITLE_SIZE * size:
        start += 1
    return block[start:]


def text_grids(lines: list[Line], page_number: int, page_width: float) -> list[Grid]:
    grids = []
    for block in blocks_of(lines, page_width):
        for table in _split_at_headers(block):
            grid = grid_of_block(page_number, _without_title(table))
            if grid is not None:
                grids.append(grid)
    return grids
