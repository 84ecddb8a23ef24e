"""Reading a rendered scorecard back: each body row's cells by column id, with their text and style.

great-tables marks every body cell with headers="... <column id>", so a test can
ask for "the RAG cell of the ICPC row" and check its text and fill the way a
reader of the page would see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from scorecards.style import TABLE_ID


@dataclass
class Cell:
    text: str = ""
    style: str = ""
    has_svg: bool = False

    def css(self, prop: str) -> str | None:
        match = re.search(rf"(?:^|;)\s*{re.escape(prop)}\s*:\s*([^;]+)", self.style)
        return match.group(1).strip().lower() if match else None


@dataclass
class Row:
    stub: str = ""
    cells: dict[str, Cell] = field(default_factory=dict)


def _column_id(html_id: str) -> str:
    """The column's id without the table's prefix (great-tables writes "<table id>-<column id>")."""
    return html_id.removeprefix(f"{TABLE_ID}-")


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[Row] = []
        self.column_labels: list[str] = []
        self.label_of: dict[str, str] = {}
        self._label_id = ""
        self.spanners: list[str] = []
        self.source_notes: list[str] = []
        self._row: Row | None = None
        self._cell: Cell | None = None
        self._column: str | None = None
        self._in_stub = False
        self._in_label = False
        self._in_note = False
        self._in_spanner = False
        self._svg_depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "svg":
            self._svg_depth += 1
            if self._cell is not None:
                self._cell.has_svg = True
        if self._svg_depth:
            return
        if tag == "tr":
            self._row = Row()
        elif tag == "th" and "gt_stub" in classes:
            self._in_stub, self._text = True, []
        elif tag == "th" and "gt_col_heading" in classes:
            self._in_label, self._text, self._label_id = True, [], _column_id(a.get("id", ""))
        elif tag == "span" and "gt_column_spanner" in classes:
            self._in_spanner, self._text = True, []
        elif tag == "td" and "gt_sourcenote" in classes:
            self._in_note, self._text = True, []
        elif tag == "td" and "gt_row" in classes and self._row is not None:
            self._cell, self._text = Cell(style=a.get("style", "")), []
            self._column = _column_id(a.get("headers", "").split()[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth -= 1
            return
        if self._svg_depth:
            return
        text = " ".join("".join(self._text).split())
        if tag == "span" and self._in_spanner:
            self.spanners.append(text)
            self._in_spanner = False
        elif tag == "th" and self._in_stub and self._row is not None:
            self._row.stub, self._in_stub = text, False
        elif tag == "th" and self._in_label:
            self.column_labels.append(text)
            self.label_of[self._label_id] = text
            self._in_label = False
        elif tag == "td" and self._in_note:
            self.source_notes.append(text)
            self._in_note = False
        elif tag == "td" and self._cell is not None and self._row is not None:
            self._cell.text = text
            self._row.cells[self._column or ""] = self._cell
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row.stub or self._row.cells:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if not self._svg_depth:
            self._text.append(data)


@dataclass
class RenderedTable:
    rows: list[Row]
    column_labels: list[str]
    label_of: dict[str, str]
    spanners: list[str]
    source_notes: list[str]

    def row(self, stub: str) -> Row:
        found = [r for r in self.rows if r.stub == stub]
        assert len(found) == 1, f"expected one row {stub!r}, found {[r.stub for r in self.rows]}"
        return found[0]

    def column(self, column_id: str) -> list[Cell]:
        return [r.cells[column_id] for r in self.rows if column_id in r.cells]


def read_table(html: str) -> RenderedTable:
    reader = _TableReader()
    reader.feed(html)
    return RenderedTable(reader.rows, reader.column_labels, reader.label_of, reader.spanners, reader.source_notes)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
