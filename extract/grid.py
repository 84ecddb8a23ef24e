"""The grid every table is read into: cells by row and column, with their text, style
and fill, whether the rows and columns came from rules or from the text alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.colours import is_tint, rag_of
from extract.lines import Phrase
from extract.words import Box, box_of, ink_of


@dataclass
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""
    bold: bool = False
    size: float = 0.0
    fill: str | None = None
    tinted: bool = False
    tint: tuple[float, ...] | None = None  # the tint's colour, to tell a header band from row banding
    ink: tuple[float, ...] | None = None  # colour of the text, for a status printed as a coloured glyph
    gapped: bool = False  # its text has words far apart on one line: more than one cell's worth
    text_box: Box | None = None

    @property
    def box(self) -> Box:
        return self.text_box or (self.x0, self.top, self.x1, self.bottom)


@dataclass
class Grid:
    page: int
    bbox: Box
    n_rows: int
    n_cols: int
    cells: list[GridCell]
    col_edges: list[float]
    ruled: bool = True
    header_rows: int | None = None  # known from the layout, where rules do not show it
    _index: dict[tuple[int, int], GridCell] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    self._index[(r, c)] = cell

    def at(self, row: int, col: int) -> GridCell | None:
        return self._index.get((row, col))

    def row_cells(self, row: int) -> list[GridCell]:
        """Cells that start in this row, left to right (a spanning cell once)."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)


def _cluster(values: list[float], tolerance: float) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if edges and value - edges[-1] <= tolerance:
            continue
        edges.append(value)
    return edges


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def grid_from_boxes(page_number: int, boxes: list[Box], ruled: bool = True) -> Grid | None:
    """Turn cell rectangles (merged cells included) into a row/column grid."""
    if not boxes:
        return None
    col_edges = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], 1.5)
    row_edges = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], 1.5)
    if len(col_edges) < 2 or len(row_edges) < 2:
        return None
    cells = []
    for x0, top, x1, bottom in boxes:
        col, col_end = _nearest(col_edges, x0), _nearest(col_edges, x1)
        row, row_end = _nearest(row_edges, top), _nearest(row_edges, bottom)
        if col_end <= col or row_end <= row:
            continue
        cells.append(GridCell(row, col, row_end - row, col_end - col, x0, top, x1, bottom))
    bbox = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
    return Grid(page_number, bbox, len(row_edges) - 1, len(col_edges) - 1, cells, col_edges, ruled)


def cell_of(phrases: list[Phrase], row: int, first: int, last: int, edges: list[float], top: float, bottom: float) -> GridCell:
    phrases = sorted(phrases, key=lambda p: (round(p.top), p.x0))
    chars = [c for p in phrases for c in p.chars]
    visible = [c for c in chars if c["text"].strip()]
    cell = GridCell(row, first, 1, last - first + 1, edges[first], top, edges[last + 1], bottom)
    cell.text = " ".join(p.text for p in phrases)
    cell.bold = sum(p.bold for p in phrases) * 2 > len(phrases)
    cell.size = max(p.size for p in phrases)
    cell.ink = ink_of(visible)
    cell.text_box = box_of(visible)
    return cell


def colour_cells(grid: Grid, rects: list[dict]) -> None:
    """Mark cells under a RAG-coloured rectangle of about their size, and tinted ones."""
    for rect in rects:
        if not rect.get("fill"):
            continue
        colour = rect.get("non_stroking_color")
        rag, tint = rag_of(colour), is_tint(colour)
        if not (rag or tint):
            continue
        area = max(rect["width"] * rect["height"], 1e-6)
        for cell in grid.cells:
            cx, cy = (cell.x0 + cell.x1) / 2, (cell.top + cell.bottom) / 2
            if not (rect["x0"] <= cx <= rect["x1"] and rect["top"] <= cy <= rect["bottom"]):
                continue
            if rag and area <= 2.5 * (cell.x1 - cell.x0) * (cell.bottom - cell.top):
                cell.fill = rag
            elif tint:
                cell.tinted = True
                cell.tint = tuple(round(v, 2) for v in colour)
