"""What was learnt of a table, so that its continuation on the next page (header
repeated or not) is read with the same columns, header paths and label columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.grid import Grid, GridCell

EDGE_SHARE = 0.3  # of the narrowest column: how far an unruled continuation's edges may move


@dataclass
class Layout:
    """What was learnt of a table, so that its continuation on the next page can use it."""

    n_cols: int
    col_edges: list[float]
    header_paths: dict[int, list[str]]
    label_cols: list[int]
    code_cols: list[int]
    group_cols: list[int]
    last_group: str = ""
    table_id: str = ""
    title: str = ""

    def columns_of(self, grid: Grid) -> Grid:
        """An unruled grid with no header whose cells each sit over one of this table's
        columns, read again on those columns: a continuation whose rows happen to part a
        column in two (a blank run, a narrow figure) still continues the table."""
        if grid.ruled or grid.header_rows or grid.n_cols == self.n_cols or len(self.col_edges) < 2:
            return grid
        edges = self.col_edges
        moved: dict[tuple[int, int], list[GridCell]] = {}
        for cell in grid.cells:
            if not cell.text:
                continue
            x0, _, x1, _ = cell.box
            centre = (x0 + x1) / 2
            inside = [i for i in range(len(edges) - 1) if edges[i] <= centre < edges[i + 1]]
            if not inside or x1 - x0 > edges[inside[0] + 1] - edges[inside[0]] + 2:
                return grid  # outside the table, or wider than the column it would go to
            moved.setdefault((cell.row, inside[0]), []).append(cell)
        cells = []
        for (row, col), parts in moved.items():
            parts.sort(key=lambda c: c.col)
            first = parts[0]
            merged = GridCell(row, col, 1, 1, edges[col], first.top, edges[col + 1], first.bottom)
            merged.text = " ".join(c.text for c in parts)
            merged.bold, merged.size, merged.fill, merged.tinted = first.bold, first.size, first.fill, first.tinted
            merged.tint, merged.ink = first.tint, first.ink
            boxes = [c.box for c in parts]
            merged.text_box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            cells.append(merged)
        for row in range(grid.n_rows):
            row_cells = [c for c in grid.cells if c.row == row]
            top, bottom = row_cells[0].top, row_cells[0].bottom
            cells.extend(GridCell(row, c, 1, 1, edges[c], top, edges[c + 1], bottom) for c in range(self.n_cols) if (row, c) not in moved)
        return Grid(grid.page, grid.bbox, grid.n_rows, self.n_cols, cells, list(edges), ruled=False, header_rows=0)

    def matches(self, grid: Grid) -> bool:
        """Same columns: ruled edges agree to a few points. Edges found from text move with
        what the rows print (a column empty on one page is as wide as its header there,
        on the next as its values), so an unruled grid matches when its edges agree to a
        share of the narrowest column or every cell it prints sits in its own column's
        place in this table."""
        if grid.n_cols != self.n_cols:
            return False
        widths = [b - a for a, b in zip(self.col_edges, self.col_edges[1:])]
        tolerance = 3.0 if grid.ruled else max(3.0, EDGE_SHARE * min(widths, default=0.0))
        if all(abs(a - b) <= tolerance for a, b in zip(grid.col_edges, self.col_edges)):
            return True
        return not grid.ruled and self._cells_in_place(grid)

    def _cells_in_place(self, grid: Grid) -> bool:
        edges = self.col_edges
        middles = [(a + b) / 2 for a, b in zip(edges, edges[1:])]
        placed = [c for c in grid.cells if c.text]
        for cell in placed:
            x0, _, x1, _ = cell.box
            first, last = cell.col, cell.col + cell.col_span - 1
            # The outer columns are open outward (row labels and codes run out to the left),
            # and a long label may run into the white beside it, not past the middle of the
            # column next to it.
            left = edges[first] if first > 0 else float("-inf")
            right = edges[last + 1] if last < len(edges) - 2 else float("inf")
            reach_left = middles[first - 1] if first > 0 else float("-inf")
            reach_right = middles[last + 1] if last < len(middles) - 1 else float("inf")
            if not left <= (x0 + x1) / 2 <= right or x0 < reach_left or x1 > reach_right:
                return False
        return bool(placed)
