"""Rules as evidence: the cells a ruled table draws (pdfplumber's table finder), with
the characters inside each, and the test of whether the rules mark cells at all (zebra
bands and row boxes do not).
"""

from __future__ import annotations

from bisect import bisect_right

from extract.charts import within
from extract.grid import Grid, _cluster, grid_from_boxes
from extract.words import Box, box_of, ink_of, is_bold, text_of_chars

CELL_GAP = 2.0  # × font size: words further apart than this on one line are separate cells
DRAWN = ("rect", "line", "curve")  # the objects whose edges the table finder reads
MISFIT_SHARE = 0.25  # of the text cells: so many holding separate cells and the rules are not cells


def ruled_grids(page, charts: list[Box] = ()) -> list[Grid]:
    """Grids of the ruled tables pdfplumber finds on a page. The bars and axes of a chart
    beside a table are left out: the table finder snaps edges a few points apart into one,
    so bar tops level with the table's rules would bend its rows out of shape."""
    grids = []
    if charts:
        page = page.filter(lambda obj: not (obj.get("object_type") in DRAWN
                                            and any(within(box_of([obj]), chart) for chart in charts)))
    for table in page.find_tables():
        grid = grid_from_boxes(page.page_number, [tuple(c) for c in table.cells])
        if grid is not None:
            place_text(grid, page.chars)
            grids.append(grid)
    return grids


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
        cell.bold = sum(is_bold(c.get("fontname", "")) for c in cell_chars) * 2 > len(cell_chars)
        cell.size = max(c.get("size") or 0.0 for c in cell_chars)
        cell.ink = ink_of(cell_chars)
        cell.gapped = _far_apart(cell_chars)
        cell.text_box = box_of(cell_chars)


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


def rules_frame_cells(grid: Grid, chars: list[dict]) -> bool:
    """Rules that draw a table's cells draw a cell under all the text inside them. A header
    band and a column of status fills beside rows they do not draw frame text that falls in
    no cell, and a single column of boxes (status fills stacked down the rows, a boxed note)
    is no grid of cells: either way the text says where the cells are."""
    if grid.n_cols < 2:
        return False
    row_edges = _cluster(sorted({c.top for c in grid.cells} | {c.bottom for c in grid.cells}), 1.5)
    x0, top, x1, bottom = grid.bbox
    framed = loose = 0
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not char["text"].strip() or not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        framed += 1
        loose += grid.at(bisect_right(row_edges, cy) - 1, bisect_right(grid.col_edges, cx) - 1) is None
    return loose < MISFIT_SHARE * framed
