"""Label / value pairs printed outside tables: headline figures and cards."""

from __future__ import annotations

from extract.grid import Box
from extract.tables import TableCell


def headline_cells(page, chars: list[dict], table_boxes: list[Box]) -> list[TableCell]:
    return []
