"""What was learnt of a table, so that its continuation on the next page (header
repeated or not) is read with the same columns, header paths and label columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.grid import Grid, GridCell

EDGE_SHARE = 0.45  # of the narrowest column: how far an unruled continuation's edges may move


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
    banding: frozenset[tuple[float, ...]] = frozenset()  # zebra tints seen down the table so far

    def columns_of(self, grid: Grid) -> Grid:
        """An unruled grid with no header whose cells each sit over one of this table's
        columns, read again on those columns: a continuation whose rows happen to part a
        column in two (a blank run, a narrow figure) still continues the table."""
        if grid.ruled or grid.header_rows or grid.n_cols == self.n_cols or self.n_cols < 2:
            return grid
        edges = self.col_edges
        moved: dict[tuple[int, int], list[GridCell]] = {}
        for cell in grid.cells:
            if not cell.text:
                continue
            x0, _, x1, _ = cell.box
            col = self._place(x0, x1)
            if col is None and self._label_runs_on(grid, cell):
                col = self._column_at(x0)
            if col is None:
                return grid  # outside the table, or wider than the column it would go to
            moved.setdefault((cell.row, col), []).append(cell)
        if len({col for _, col in moved}) < max(3, self.n_cols / 3):
            return grid  # a smaller table of its own, not this one's rows
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

    def _label_runs_on(self, grid: Grid, cell: GridCell) -> bool:
        """A row label longer than any the table printed before runs on over the columns
        its row leaves empty: it starts in the first column or a label column, after
        nothing but the row's code, and ends short of the middle of the column that holds
        the row's next text, or a clear em short of that text (a right-aligned figure or
        name set well into its column)."""
        start = self._column_at(cell.box[0])
        if start != 0 and start not in self.label_cols:
            return False
        after = [c.box[0] for c in grid.cells if c.row == cell.row and c.text and c.box[0] > cell.box[0]]
        before = [c for c in grid.cells if c.row == cell.row and c.text and c.box[0] < cell.box[0]]
        if any(self._place(c.box[0], c.box[2]) not in self.code_cols for c in before):
            return False  # only a row code (`CSC 247`) may print before the label
        nxt = self._place(min(after), min(after) + 1e-3) if after else None
        if after and nxt is None:
            return False
        limit = (self.col_edges[nxt] + self.col_edges[nxt + 1]) / 2 if after else float("inf")
        limit = max(limit, min(after) - cell.size) if after else limit
        return cell.box[2] < min(limit, min(after, default=float("inf")))

    def _column_at(self, x: float) -> int:
        return max(0, sum(1 for edge in self.col_edges[1:-1] if edge <= x))

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
        return not grid.ruled and self.n_cols > 1 and self._cells_in_place(grid)

    def _place(self, x0: float, x1: float, first: int | None = None, last: int | None = None) -> int | None:
        """The column of this table that text from x0 to x1 sits in (or whether it sits
        over columns first..last): its middle inside, its ends not past the middle of the
        columns beside. The outer columns are open outward: row labels and codes run out
        to the left of where the values set the first edge."""
        edges = self.col_edges
        n = len(edges) - 1
        middles = [(a + b) / 2 for a, b in zip(edges, edges[1:])]
        centre = (x0 + x1) / 2
        if first is None or last is None:
            inside = [i for i in range(n) if (edges[i] <= centre or i == 0) and (centre < edges[i + 1] or i == n - 1)]
            if not inside:
                return None
            first = last = inside[0]
        left = edges[first] if first > 0 else float("-inf")
        right = edges[last + 1] if last < n - 1 else float("inf")
        reach_left = middles[first - 1] if first > 0 else float("-inf")
        reach_right = middles[last + 1] if last < n - 1 else float("inf")
        if not left <= centre <= right or x0 < reach_left or x1 > reach_right:
            return None
        return first

    def _cells_in_place(self, grid: Grid) -> bool:
        placed = [c for c in grid.cells if c.text]
        for cell in placed:
            x0, _, x1, _ = cell.box
            if self._place(x0, x1, cell.col, cell.col + cell.col_span - 1) is None and not (
                    self._label_runs_on(grid, cell)):
                return False
        return bool(placed)
