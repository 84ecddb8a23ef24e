"""Tables on a page as grids of cells: the structure of the page, before any meaning.

A ruled table's cells come from its ruling lines and rectangle edges (pdfplumber's table
finder); its text, boldness and fill come from the characters and rectangles inside each
cell. Whatever the layout, the rest of extraction reads only these grids.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from extract.colours import is_tint, rag_of

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
CELL_GAP = 2.0  # × font size: words further apart than this on one line are separate cells
MISFIT_SHARE = 0.25  # of the text cells: so many holding separate cells and the rules are not cells


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


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b"))


def ink_of(chars: list[dict]) -> tuple[float, ...] | None:
    colour = chars[0].get("non_stroking_color") if chars else None
    return tuple(colour) if isinstance(colour, (tuple, list)) else None


def _footnote_mark(previous: dict, char: dict) -> bool:
    """A small raised character after a figure ('24.91' + superscript '2') marks a
    footnote; it is not part of the number."""
    size, before = char.get("size") or 0.0, previous.get("size") or 0.0
    raised = previous["bottom"] - char["bottom"] > 0.15 * before
    return before > 0 and size <= 0.75 * before and raised and previous["text"][-1:].isdigit()


def text_of_chars(chars: list[dict]) -> str:
    """Join characters into text: lines top to bottom, a space where the gap says so."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        size = char.get("size") or 6.0
        for line in lines:
            if abs(line[0]["top"] - char["top"]) <= size * 0.4:
                line.append(char)
                break
        else:
            lines.append([char])
    parts = []
    for line in sorted(lines, key=lambda ln: ln[0]["top"]):
        line.sort(key=lambda c: c["x0"])
        text, previous, space_at = "", None, None
        for char in line:
            if not char["text"].strip():
                space_at = (char["x0"], char["x1"])
                continue
            if previous is not None:
                wide = char["x0"] - previous["x1"] > (char.get("size") or 6.0) * 0.2
                # A space character counts only where it stands between the glyphs; one drawn
                # over them is letter-spacing ('0 3 / 2 5' for '03/25').
                slack = 0.3 * (space_at[1] - space_at[0]) if space_at else 0.0
                spaced = space_at is not None and previous["x1"] - slack <= space_at[0] and space_at[1] <= char["x0"] + slack
                if wide or spaced:
                    text += " "
            if previous is not None and _footnote_mark(previous, char):
                continue
            text += char["text"]
            previous, space_at = char, None
        parts.append(text)
    return " ".join(" ".join(parts).split())


def place_text(grid: Grid, chars: list[dict]) -> None:
    """Put each character in the ruled cell under its centre."""
    row_edges = sorted({c.top for c in grid.cells} | {c.bottom for c in grid.cells})
    row_edges = _cluster(row_edges, 1.5)
    per_cell: dict[int, list[dict]] = {}
    x0, top, x1, bottom = grid.bbox
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        cell = grid.at(bisect_right(row_edges, cy) - 1, bisect_right(grid.col_edges, cx) - 1)
        if cell is not None:
            per_cell.setdefault(id(cell), []).append(char)
    for cell in grid.cells:
        cell_chars = [c for c in per_cell.get(id(cell), []) if c["text"].strip()]
        if not cell_chars:
            continue
        cell.text = text_of_chars(per_cell[id(cell)])
        cell.bold = sum(_is_bold(c.get("fontname", "")) for c in cell_chars) * 2 > len(cell_chars)
        cell.size = max(c.get("size") or 0.0 for c in cell_chars)
        cell.ink = ink_of(cell_chars)
        cell.gapped = _far_apart(cell_chars)
        cell.text_box = (
            min(c["x0"] for c in cell_chars),
            min(c["top"] for c in cell_chars),
            max(c["x1"] for c in cell_chars),
            max(c["bottom"] for c in cell_chars),
        )


def _far_apart(chars: list[dict]) -> bool:
    """Characters of one line with white space between them wider than CELL_GAP sizes."""
    lines: dict[int, list[dict]] = {}
    for char in chars:
        lines.setdefault(round((char["top"] + char["bottom"]) / 4), []).append(char)
    for line in lines.values():
        line.sort(key=lambda c: c["x0"])
        if any(b["x0"] - a["x1"] > CELL_GAP * (b.get("size") or 6.0) for a, b in zip(line, line[1:])):
            return True
    return False


def rules_fit_text(grid: Grid) -> bool:
    """Rules that mark cells hold one cell's text each; bands or boxes around whole rows
    (zebra fills, horizontal rules only) hold text set apart in columns."""
    texted = [c for c in grid.cells if c.text]
    return sum(c.gapped for c in texted) < MISFIT_SHARE * len(texted)


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


def ruled_grids(page) -> list[Grid]:
    """Grids of the ruled tables pdfplumber finds on a page."""
    grids = []
    for table in page.find_tables():
        grid = grid_from_boxes(page.page_number, [tuple(c) for c in table.cells])
        if grid is not None:
            place_text(grid, page.chars)
            grids.append(grid)
    return grids
