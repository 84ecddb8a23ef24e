"""Which coloured fills of a grid are RAG statuses. A pale status fill and a tinted row band
can share a hue (a light amber status, a cream or peach band); where the colour lies tells
them apart. A band painted as one rectangle over the whole row is no cell's fill already
(grid.colour_cells keeps only fills about a cell's size); a band painted cell by cell, as
spreadsheet exports draw it, covers every cell of its rows, and recurs with other rows
between: those cells are tinted, not statuses."""

from __future__ import annotations

from extract.grid import Grid, GridCell

MIN_BAND_CELLS = 3  # a row this wide all in one colour is a band, not a run of statuses


def _colour_under(cell: GridCell, rects: list[dict]) -> tuple[float, ...] | None:
    cx, cy = (cell.x0 + cell.x1) / 2, (cell.top + cell.bottom) / 2
    under = [r for r in rects if r.get("fill") and r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"]]
    colour = min(under, key=lambda r: r["width"] * r["height"])["non_stroking_color"] if under else None
    return tuple(round(v, 2) for v in colour) if isinstance(colour, (tuple, list)) else None


def clear_row_bands(grid: Grid, rects: list[dict]) -> None:
    """Take the status off cells whose whole row shares one fill that recurs on rows apart:
    they are tinted with the band's colour, as a band drawn in one piece would be."""
    rows_of: dict[str, list[int]] = {}
    for row in range(grid.n_rows):
        cells = grid.row_cells(row)
        fills = {cell.fill for cell in cells}
        if len(cells) >= MIN_BAND_CELLS and len(fills) == 1 and None not in fills:
            rows_of.setdefault(fills.pop(), []).append(row)  # type: ignore[arg-type]
    for fill, rows in rows_of.items():
        if len(rows) >= 2 and rows[-1] - rows[0] + 1 > len(rows):
            for cell in grid.cells:
                if cell.row in rows and cell.fill == fill:
                    cell.fill, cell.tinted, cell.tint = None, True, _colour_under(cell, rects)
