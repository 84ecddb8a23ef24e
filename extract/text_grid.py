"""A region's grid from its text alone: columns, the header tree over them, and body
rows from how lines sit against each other (wrapped labels joined).

Works from characters alone, so it reads the same table whether or not it is ruled,
whatever its fonts and column widths.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.columns import TIE, columns_of, columns_of_phrase, value_anchors
from extract.grid import Grid, GridCell, cell_of
from extract.header_tree import header_cells, header_pieces, header_line_count, is_section_line
from extract.lines import DASHES, Line, Phrase, WRAP_GAP, joined_label_lines
from extract.regions import blocks_of, table_regions
from extract.values import is_number
from extract.words import Box

CENTRED = 0.5  # × font size: a figure's middle this close to a header's is centred under it
LONE_ROW_FIGURES = 3  # figures a lone row prints at least to be a table's row carried over


def text_grids(lines: list[Line], page_number: int, page_width: float, fills: list[Box] | None = None) -> list[Grid]:
    """`fills`: the page's status-coloured rectangles, a column where they print nothing."""
    grids = []
    for region in table_regions(joined_label_lines(lines), page_width):
        grid = grid_of_region(page_number, region, fills)
        if grid is not None:
            grids.append(grid)
    return grids


def lone_rows(lines: list[Line], page_number: int, page_width: float) -> list[Grid]:
    """Lines standing alone that print a label and then only figures (three at least): a
    table's last row carried over onto the next page, no header with it, which text_grids
    leaves out (a table has two rows at least). The reader keeps one only where it sits in
    the columns of the table it would continue."""
    grids: list[Grid] = []
    if not any(len(line.phrases) > LONE_ROW_FIGURES for line in lines):
        return grids
    for block in blocks_of(joined_label_lines(lines), page_width, fewest_rows=1):
        rows = [line for line in block if len(line.phrases) >= 2]
        if len(rows) != 1 or is_number(rows[0].phrases[0].text):
            continue
        row, values = rows[0], [p.text.strip() for p in rows[0].phrases[1:]]
        wrapped = [line.phrases[0] for line in block if line is not row]
        if (sum(is_number(v) for v in values) >= LONE_ROW_FIGURES and all(is_number(v) or v in DASHES for v in values)
                and all(p.x1 < row.phrases[1].x0 for p in wrapped)):
            label = Phrase.of([c for p in sorted(wrapped + [row.phrases[0]], key=lambda p: p.top) for c in p.chars])
            grid = grid_of_region(page_number, [Line([label] + row.phrases[1:])])
            if grid is not None:
                grids.append(grid)
    return grids


def grid_of_region(page_number: int, block: list[Line], fills: list[Box] | None = None) -> Grid | None:
    n_header = header_line_count(block)
    columns = columns_of(block, n_header, fills)
    if len(columns) < 2:
        return None
    edges = [columns[0][0]] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [columns[-1][1]]
    while (n_header and is_section_line(block[n_header - 1], columns)
           and not _wraps_header(block[:n_header], columns) and not _ends_wrapped_header(block[:n_header], columns)):
        n_header -= 1  # a row group's name set in bold beside the first row
    if n_header and not _heads_values(block[:n_header], block[n_header:], columns):
        n_header = 0  # a row label's first line atop a page that continues a table
    anchors = value_anchors(block[n_header:], columns)
    block = header_pieces(block[:n_header], columns, anchors) + block[n_header:]
    cells, header_rows = header_cells(block[:n_header], columns, edges, anchors) if n_header else ([], 0)
    body = block[n_header:]
    bands = bands_of(body, columns)
    header = list(cells)
    for index, band in enumerate(bands):
        r = header_rows + index
        spans: list[list] = []  # [first, last, phrases]
        for line in band.lines:
            for p in line.phrases:
                first, last = _under_parent(p, band, body, columns, header, anchors) or columns_of_phrase(p, columns)
                for span in spans:
                    if first <= span[1] and last >= span[0]:
                        span[0], span[1] = min(span[0], first), max(span[1], last)
                        span[2].append(p)
                        break
                else:
                    spans.append([first, last, [p]])
        covered = set()
        for first, last, phrases in spans:
            cells.append(cell_of(phrases, r, first, last, edges, band.top, band.bottom))
            covered.update(range(first, last + 1))
        for c in range(len(columns)):
            if c not in covered:
                cells.append(GridCell(r, c, 1, 1, edges[c], band.top, edges[c + 1], band.bottom))
    top = min(line.top for line in block)
    bbox = (edges[0], top, edges[-1], max(line.bottom for line in block))
    return Grid(page_number, bbox, header_rows + len(bands), len(columns), cells, edges, ruled=False, header_rows=header_rows)


def _under_parent(p: Phrase, band: Band, body: list[Line], columns: list[tuple[float, float]],
                  header: list[GridCell], anchors: list[str | None]) -> tuple[int, int] | None:
    """A figure merged over the columns of a spanning header (`92%` centred under `CSC
    EAST`, over its four districts): centred under that header's words, not under the header
    of the one column it falls in nor lined up with that column's values, and with nothing
    else of its row under the parent. The columns the parent spans are the figure's."""
    if not is_number(p.text):
        return None
    first, last = columns_of_phrase(p, columns)
    own = [h for h in header if h.text and h.col == first and h.col_span == 1]
    if first != last or not own or anchors[first] is None or _lines_up(p, first, body, columns, anchors[first]):
        return None
    middle = (p.x0 + p.x1) / 2
    lowest = max(own, key=lambda h: h.row)
    own_middle = (lowest.box[0] + lowest.box[2]) / 2
    others = [columns_of_phrase(q, columns) for line in band.lines for q in line.phrases if q is not p]
    parents = [h for h in header if h.text and h.col_span > 1 and h.col <= first < h.col + h.col_span]
    for parent in sorted(parents, key=lambda h: h.col_span):
        left, right = parent.col, parent.col + parent.col_span - 1
        if any(a <= right and b >= left for a, b in others):
            return None  # a figure beside it under the parent: each is its own column's
        if abs(middle - (parent.box[0] + parent.box[2]) / 2) <= CENTRED * p.size < abs(middle - own_middle):
            return left, right
    return None


def _lines_up(p: Phrase, col: int, body: list[Line], columns: list[tuple[float, float]], anchor: str) -> bool:
    """Another value of the column shares the edge (or middle) its values line up on."""
    def edge(q: Phrase) -> float:
        return {"left": q.x0, "right": q.x1}.get(anchor, (q.x0 + q.x1) / 2)
    return any(abs(edge(q) - edge(p)) <= TIE for line in body for q in line.phrases
               if q is not p and columns_of_phrase(q, columns) == (col, col))


def _wraps_header(head: list[Line], columns: list[tuple[float, float]]) -> bool:
    """The last header line carries on header cells over the value columns: each of its
    phrases reaches a value column, tight under a header phrase there (`Total` over
    `Assessments`, a header wider than its column starting over the labels), so it names
    no row group."""
    last, above = head[-1], head[:-1]
    def over_values(p) -> bool:
        return columns_of_phrase(p, columns)[1] >= 1
    return bool(above) and all(
        over_values(p) and any(
            over_values(q) and min(p.x1, q.x1) > max(p.x0, q.x0) and p.top - q.bottom <= WRAP_GAP * p.size
            for line in above for q in line.phrases)
        for p in last.phrases)


def _ends_wrapped_header(head: list[Line], columns: list[tuple[float, float]]) -> bool:
    """The last header line is the last line of a header cell wrapped over the value
    columns (`(excludes` over `relative/friend)`), not a row group's name, when each of
    its phrases sits centred under a phrase of the lines above, a wrap's gap up, with its
    middle past the label column."""
    last, above = head[-1], [q for line in head[:-1] for q in line.phrases]
    edge = (columns[0][1] + columns[1][0]) / 2
    return bool(above) and all(
        (p.x0 + p.x1) / 2 > edge and any(0 <= p.top - q.bottom <= WRAP_GAP * p.size
                                         and abs((p.x0 + p.x1) / 2 - (q.x0 + q.x1) / 2) <= 0.5 * p.size for q in above)
        for p in last.phrases)


def _heads_values(head: list[Line], body: list[Line], columns: list[tuple[float, float]]) -> bool:
    """A header labels columns of values: some of its text stands over a column that
    holds figures below."""
    valued = {columns_of_phrase(p, columns)[0] for line in body for p in line.phrases if is_number(p.text)}
    for line in head:
        for p in line.phrases:
            first, last = columns_of_phrase(p, columns)
            if any(c in valued for c in range(first, last + 1)):
                return True
    return not valued


@dataclass
class Band:
    lines: list[Line] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)


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
            if ((is_number(p.text) and not _label_ends_in_figure(line, p, q, columns))
                    or (is_number(q.text) and not p.text[:1].islower() and not _unit_only(p.text))):
                return False
    return True


def _label_ends_in_figure(line: Line, p: Phrase, q: Phrase, columns: list[tuple[float, float]]) -> bool:
    """A row label wrapped onto a line of its own that is a figure (`Rate per` over
    `10,000`): alone on its line, in the label column, flush under words; a figure under a
    figure there is the next row's label."""
    return (len(line.phrases) == 1 and columns_of_phrase(p, columns) == (0, 0) == columns_of_phrase(q, columns)
            and abs(p.x0 - q.x0) <= p.size and not is_number(q.text) and any(ch.isalpha() for ch in q.text))


def _unit_only(text: str) -> bool:
    """A unit on its own (`%`), the end of a figure wrapped in a narrow column (`73.9` over `%`)."""
    return text.strip() in {"%", "days", "weeks"}
