"""One source table drawn in a variant's layout: header tree, wrapped labels, alignment, rules,
bands, RAG cells, page breaks; every value cell drawn becomes a truth record of the new PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from benchmarks.variants.draft import Colour, Draft
from benchmarks.variants.layouts import Variant
from benchmarks.variants.source import PATH_SEPARATOR, SourceRow
from benchmarks.variants.typeface import Typeface

PALETTES: dict[str, dict[str, Colour]] = {
    "office": {"red": (1.0, 0.0, 0.0), "amber": (1.0, 0.753, 0.0), "green": (0.0, 0.69, 0.314)},
    "muted": {"red": (0.80, 0.42, 0.40), "amber": (0.89, 0.70, 0.38), "green": (0.50, 0.70, 0.48)},
    "saturated": {"red": (0.86, 0.0, 0.0), "amber": (1.0, 0.55, 0.0), "green": (0.0, 0.62, 0.0)},
    "tinted": {"red": (1.0, 0.78, 0.81), "amber": (1.0, 0.92, 0.61), "green": (0.78, 0.94, 0.81)},
}
ZEBRA: dict[str, Colour] = {"grey": (0.93, 0.93, 0.93), "blue": (0.87, 0.92, 0.97), "cream": (1.0, 0.97, 0.88)}
HEADER_BANDS: dict[str, Colour] = {"light": (0.85, 0.88, 0.92), "dark": (0.12, 0.22, 0.40)}
STATUS_TEXT = {
    "word": {"red": "Red", "amber": "Amber", "green": "Green"},
    "word_on_fill": {"red": "Red", "amber": "Amber", "green": "Green"},
    "letter": {"red": "R", "amber": "A", "green": "G"},
    "glyph": {"red": "●", "amber": "●", "green": "●"},
}
EXTRA_LEVEL = "Reported figures"
BLACK: Colour = (0.0, 0.0, 0.0)
WHITE: Colour = (1.0, 1.0, 1.0)
MIN_SIZE, MIN_SCALE = 5.0, 60.0


def printed_path(path: tuple[str, ...], spanning: str) -> tuple[str, ...]:
    if path == ("",):
        return path
    if spanning == "flattened":
        return (" ".join(path),)
    if spanning == "extra_level":
        return (EXTRA_LEVEL, *path)
    return path


@dataclass
class DrawnCell:
    record: dict  # the source truth of the cell
    text: str  # as printed, footnote marker included
    raw: str  # the truth's raw text in this layout
    fill: Colour | None
    colour: Colour
    first: int
    last: int
    column_label: str
    column_span: list[str] | None


@dataclass
class DrawnRow:
    label: str
    code: str | None
    group: str
    cells: list[DrawnCell] = field(default_factory=list)
    is_group_title: bool = False


@dataclass
class TablePlan:
    """A source table as this variant prints it."""

    table_id: str
    caption: str
    paths: list[tuple[str, ...]]  # printed header path per column
    rows: list[DrawnRow]
    notes: list[str]
    break_before: int | None  # body row a page break is forced before

    @property
    def headerless(self) -> bool:
        return all(p == ("",) for p in self.paths)

    @property
    def has_codes(self) -> bool:
        return any(r.code for r in self.rows if not r.is_group_title)


def plan_table(table_id: str, caption: str, paths: list[tuple[str, ...]], rows: list[SourceRow], variant: Variant,
               markers: dict[tuple[int, int], str], notes: list[str], break_before: int | None) -> TablePlan:
    printed = [printed_path(p, variant.spanning) for p in paths]
    joined = [PATH_SEPARATOR.join(p) for p in printed]
    palette = PALETTES[variant.rag_palette]
    drawn: list[DrawnRow] = []
    group = None
    for r, row in enumerate(rows):
        if row.group and row.group != group:
            drawn.append(DrawnRow(row.group, None, row.group, is_group_title=True))
        group = row.group
        out = DrawnRow(row.label, row.code, row.group)
        for c, record in sorted(row.cells.items()):
            out.cells.append(_drawn_cell(record, c, c, joined[c], None, variant, palette, markers.get((r, c), "")))
        for first, last, record in row.merged:
            label = _merged_label(record["column_label"], printed[first], variant.spanning)
            out.cells.append(_drawn_cell(record, first, last, label, joined[first:last + 1], variant, palette, ""))
        out.cells.sort(key=lambda cell: cell.first)
        drawn.append(out)
    return TablePlan(table_id, caption, printed, drawn, notes, break_before)


def _merged_label(source_label: str, first_printed: tuple[str, ...], spanning: str) -> str:
    if spanning == "flattened":
        return first_printed[0]
    parts = tuple(p.strip() for p in source_label.split(PATH_SEPARATOR))
    return PATH_SEPARATOR.join((EXTRA_LEVEL, *parts) if spanning == "extra_level" else parts)


def _drawn_cell(record: dict, first: int, last: int, label: str, span: list[str] | None, variant: Variant,
                palette: dict[str, Colour], marker: str) -> DrawnCell:
    raw = record.get("raw") or ""
    status = record.get("fill")
    if status and not raw.strip():
        colour = palette[status]
        if variant.rag_style == "fill":
            return DrawnCell(record, "", "", colour, BLACK, first, last, label, span)
        text = STATUS_TEXT[variant.rag_style][status]
        if variant.rag_style == "glyph":
            return DrawnCell(record, text, text, None, colour, first, last, label, span)
        fill = colour if variant.rag_style == "word_on_fill" else None
        return DrawnCell(record, text, text, fill, BLACK, first, last, label, span)
    return DrawnCell(record, raw + marker, raw, None, BLACK, first, last, label, span)


# ---------------------------------------------------------------- measuring

@dataclass
class HeaderCell:
    text: str
    first: int
    last: int
    top_level: int
    bottom_level: int
    lines: list[str] = field(default_factory=list)


def header_cells(paths: list[tuple[str, ...]]) -> list[HeaderCell]:
    """The header tree as cells: a parent over the adjacent columns that share it, a leaf down to
    the last header row, adjacent columns under one identical path sharing one leaf."""
    depth = max(len(p) for p in paths)
    cells: list[HeaderCell] = []
    for level in range(depth):
        c = 0
        while c < len(paths):
            path = paths[c]
            if len(path) <= level:
                c += 1
                continue
            is_leaf = level == len(path) - 1
            end = c
            while end + 1 < len(paths) and (
                paths[end + 1] == path if is_leaf else
                (len(paths[end + 1]) > level + 1 and paths[end + 1][:level + 1] == path[:level + 1])
            ):
                end += 1
            cells.append(HeaderCell(path[level], c, end, level, depth - 1 if is_leaf else level))
            c = end + 1
    return cells


@dataclass
class Geometry:
    face: Typeface
    size: float
    code_width: float
    label_width: float
    widths: list[float]
    header: list[HeaderCell]
    level_heights: list[float]
    row_lines: list[tuple[list[str], dict[int, list[str]]]]  # label lines, cell lines by cell index
    decimal: list[tuple[float, float]]  # per column: widest integer part, widest decimals part

    @property
    def pad(self) -> float:
        return self.size * 0.45

    @property
    def leading(self) -> float:
        return self.size * 1.22

    @property
    def width(self) -> float:
        return self.code_width + self.label_width + sum(self.widths)

    @property
    def header_height(self) -> float:
        return sum(self.level_heights)

    def row_height(self, i: int) -> float:
        label_lines, cell_lines = self.row_lines[i]
        n = max([len(label_lines)] + [len(v) for v in cell_lines.values()])
        return n * self.leading + 2 * self.pad * 0.7


_DECIMAL = re.compile(r"^(.*?\d)(\.\d.*)$")


def _decimal_parts(text: str) -> tuple[str, str]:
    m = _DECIMAL.match(text)
    return (m.group(1), m.group(2)) if m else (text, "")


def measure(plan: TablePlan, variant: Variant, size: float, scale: float, label_lines: int,
            header_em: float = 7.0) -> Geometry:
    face = Typeface.named(variant.face, scale)
    pad = size * 0.45
    n = len(plan.paths)
    data_rows = [r for r in plan.rows if not r.is_group_title]
    value_cap = size * 14
    widths = [size * 1.5] * n
    decimal = [(0.0, 0.0)] * n
    for row in data_rows:
        for cell in row.cells:
            if cell.first == cell.last:
                w = min(face.width(cell.text, size), value_cap)
                widths[cell.first] = max(widths[cell.first], w)
                whole, part = _decimal_parts(cell.text)
                wi, wp = decimal[cell.first]
                decimal[cell.first] = (max(wi, face.width(whole, size)), max(wp, face.width(part, size)))
    for c in range(n):
        widths[c] = max(widths[c], decimal[c][0] + decimal[c][1])
    header = [] if plan.headerless else header_cells(plan.paths)
    for cell in header:
        if cell.first == cell.last:
            cap = max(widths[cell.first], size * header_em)
            natural = face.width(cell.text, size, bold=True)
            widths[cell.first] = max(widths[cell.first], min(natural, cap), face.longest_word(cell.text, size, True))
    for cell in header:  # a spanning header at least as wide as its longest word
        if cell.first != cell.last:
            short = face.longest_word(cell.text, size, True) - sum(widths[cell.first:cell.last + 1])
            if short > 0:
                widths[cell.last] += short
    widths = [w + 2 * pad for w in widths]
    code_width = (max(face.width(r.code or "", size) for r in data_rows) + 2 * pad) if plan.has_codes else 0.0
    natural = max((face.width(r.label, size) for r in data_rows), default=size * 4)
    longest = max((face.longest_word(r.label, size) for r in data_rows), default=size * 4)
    label_width = max(longest, natural / label_lines * 1.04, size * 4) + 2 * pad
    for cell in header:
        cell.lines = face.wrap(cell.text, size, sum(widths[cell.first:cell.last + 1]) - 2 * pad, bold=True)
    depth = max((c.bottom_level for c in header), default=-1) + 1
    level_heights = [0.0] * depth
    leading = size * 1.22
    for cell in header:
        if cell.top_level == cell.bottom_level:
            level_heights[cell.top_level] = max(level_heights[cell.top_level], len(cell.lines) * leading + pad)
    for cell in header:
        if cell.top_level != cell.bottom_level:
            need = len(cell.lines) * leading + pad - sum(level_heights[cell.top_level:cell.bottom_level + 1])
            if need > 0:
                level_heights[cell.bottom_level] += need
    row_lines = []
    table_width = code_width + label_width + sum(widths)
    for row in plan.rows:
        if row.is_group_title:
            row_lines.append((face.wrap(row.label, size, table_width - 2 * pad, bold=True), {}))
            continue
        cells = {}
        for i, cell in enumerate(row.cells):
            room = sum(widths[cell.first:cell.last + 1]) - 2 * pad
            cells[i] = face.wrap(cell.text, size, room) if face.width(cell.text, size) > room else [cell.text]
        row_lines.append((face.wrap(row.label, size, label_width - 2 * pad), cells))
    return Geometry(face, size, code_width, label_width, widths, header, level_heights, row_lines, decimal)


def fit(plan: TablePlan, variant: Variant, room: float) -> Geometry | None:
    """The variant's size and label wrap if the table fits the width; else headers wrapped
    narrower, smaller type, more wrapped labels, then narrower type; None if nothing fits."""
    size, lines, header_em = float(variant.size), variant.label_lines, 7.0
    scale = Typeface.named(variant.face).scale
    while True:
        geometry = measure(plan, variant, size, scale, lines, header_em)
        if geometry.width <= room:
            return geometry
        if header_em > 4:
            header_em -= 1
        elif size > MIN_SIZE:
            size -= 0.5
        elif lines < 6:
            lines += 1
        elif scale > MIN_SCALE:
            scale -= 5
        else:
            return None


# ---------------------------------------------------------------- drawing

class TableDrawer:
    """Draws one planned table from the draft's cursor down, over as many pages as it takes."""

    def __init__(self, draft: Draft, plan: TablePlan, geometry: Geometry, variant: Variant, document: str,
                 truth: list[dict]):
        self.d, self.plan, self.g, self.v = draft, plan, geometry, variant
        self.document, self.truth = document, truth
        self.x0 = draft.left
        xs = [self.x0 + geometry.code_width + geometry.label_width]
        for w in geometry.widths:
            xs.append(xs[-1] + w)
        self.col_x = xs
        self.band = HEADER_BANDS.get(variant.header_band)
        self.first_page = draft.page_number
        self.top_y = draft.y

    @property
    def right(self) -> float:
        return self.x0 + self.g.width

    def caption(self) -> None:
        size = self.g.size + 1.5
        self.d.y -= size * 1.2
        self.d.text(self.x0, self.d.y, self.plan.caption, size, self.g.face, bold=True)
        self.d.y -= size * 0.6

    def draw(self) -> None:
        g, d = self.g, self.d
        first_rows = sum(g.row_height(i) for i in range(min(3, len(self.plan.rows))))
        caption = (self.g.size + 1.5) * 1.8 if self.v.caption == "above" else 0.0
        whole = caption + g.header_height + sum(g.row_height(i) for i in range(len(self.plan.rows)))
        if whole > d.room() and (whole <= d.top - d.bottom or caption + g.header_height + first_rows > d.room()):
            d.new_page()
        self.first_page, self.top_y = d.page_number, d.y
        if self.v.caption == "above":
            self.caption()
        self.header()
        for i, row in enumerate(self.plan.rows):
            h = g.row_height(i)
            if i == self.plan.break_before or h > d.room():
                self.close_segment()
                d.new_page()
                if self.v.page_break != "no_repeat":
                    self.header()
            self.row(i, row, h)
        self.close_segment()
        if self.v.caption == "below":
            if d.room() < g.size * 3:
                d.new_page()
            d.y -= g.size * 0.4
            self.caption()
        for note in self.plan.notes:
            size = max(g.size - 1, 5.0)
            if d.room() < size * 2:
                d.new_page()
            d.y -= size * 1.3
            d.text(self.x0, d.y, note, size, g.face)
        d.y -= g.size * 2.0

    def close_segment(self) -> None:
        if self.v.rules in ("full", "horizontal", "header"):
            self.d.rule(self.x0, self.d.y, self.right, self.d.y)

    def header(self) -> None:
        g, d = self.g, self.d
        if self.plan.headerless:
            if self.v.rules != "none":
                d.rule(self.x0, d.y, self.right, d.y)
            return
        top = d.y
        bottom = top - g.header_height
        if self.band:
            d.fill(self.x0, bottom, g.width, g.header_height, self.band)
        colour = WHITE if self.v.header_band == "dark" else BLACK
        level_top = [top]
        for h in g.level_heights:
            level_top.append(level_top[-1] - h)
        for cell in g.header:
            x0, x1 = self.col_x[cell.first], self.col_x[cell.last + 1]
            y_top, y_bottom = level_top[cell.top_level], level_top[cell.bottom_level + 1]
            block = len(cell.lines) * g.leading
            y = y_top - (y_top - y_bottom - block) / 2 - g.size * 0.85
            for line in cell.lines:
                w = g.face.width(line, g.size, True)
                d.text(x0 + (x1 - x0 - w) / 2, y, line, g.size, g.face, bold=True, colour=colour)
                y -= g.leading
            if self.v.rules == "full":
                self._box(x0, y_bottom, x1, y_top)
        if self.v.rules == "full":
            self._box(self.x0, bottom, self.col_x[0], top)
        if self.v.rules in ("horizontal", "header"):
            d.rule(self.x0, top, self.right, top)
            d.rule(self.x0, bottom, self.right, bottom, 0.8)
        d.y = bottom

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.d.rule(x0, y0, x1, y0)
        self.d.rule(x0, y1, x1, y1)
        self.d.rule(x0, y0, x0, y1)
        self.d.rule(x1, y0, x1, y1)

    def row(self, i: int, row: DrawnRow, h: float) -> None:
        g, d = self.g, self.d
        top, bottom = d.y, d.y - h
        label_lines, cell_lines = g.row_lines[i]
        first_baseline = top - g.pad * 0.7 - g.size * 0.8
        if row.is_group_title:
            y = first_baseline
            for line in label_lines:
                d.text(self.x0 + g.pad, y, line, g.size, g.face, bold=True)
                y -= g.leading
            if self.v.rules == "full":
                self._box(self.x0, bottom, self.right, top)
        else:
            data_index = sum(1 for r in self.plan.rows[:i] if not r.is_group_title)
            if self.v.zebra != "none" and data_index % 2 == 1:
                d.fill(self.x0, bottom, g.width, h, ZEBRA[self.v.zebra])
            if row.code:
                d.text(self.x0 + g.pad, first_baseline, row.code, g.size, g.face)
            y = first_baseline
            for line in label_lines:
                d.text(self.x0 + g.code_width + g.pad, y, line, g.size, g.face)
                y -= g.leading
            for k, cell in enumerate(row.cells):
                self.cell(i, row, cell, cell_lines[k], top, bottom)
            if self.v.rules == "full":
                if g.code_width:
                    self._box(self.x0, bottom, self.x0 + g.code_width, top)
                self._box(self.x0 + g.code_width, bottom, self.col_x[0], top)
                covered = set()
                for cell in row.cells:
                    self._box(self.col_x[cell.first], bottom, self.col_x[cell.last + 1], top)
                    covered.update(range(cell.first, cell.last + 1))
                for c in set(range(len(g.widths))) - covered:
                    self._box(self.col_x[c], bottom, self.col_x[c + 1], top)
        if self.v.rules == "horizontal":
            d.rule(self.x0, top, self.right, top, 0.3)
        d.y = bottom

    def cell(self, i: int, row: DrawnRow, cell: DrawnCell, lines: list[str], top: float, bottom: float) -> None:
        g, d = self.g, self.d
        x0, x1 = self.col_x[cell.first], self.col_x[cell.last + 1]
        if cell.fill:
            d.fill(x0 + 0.6, bottom + 0.6, x1 - x0 - 1.2, top - bottom - 1.2, cell.fill)
        block = len(lines) * g.leading
        y = top - (top - bottom - block) / 2 - g.size * 0.85
        boxes = []
        for line in lines:
            w = g.face.width(line, g.size)
            boxes.append(d.text(self._x(cell, line, w, x0, x1), y, line, g.size, g.face, colour=cell.colour))
            y -= g.leading
        if cell.text:
            bbox = [min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3]]
        else:
            bbox = [round(x0, 1), round(d.height - top, 1), round(x1, 1), round(d.height - bottom, 1)]
        self._record(i, row, cell, bbox)

    def _x(self, cell: DrawnCell, line: str, w: float, x0: float, x1: float) -> float:
        pad = self.g.pad
        align = self.v.align
        if cell.first != cell.last or align == "centre":
            return x0 + (x1 - x0 - w) / 2
        if align == "left":
            return x0 + pad
        if align == "right":
            return x1 - pad - w
        whole, part = _decimal_parts(line)
        point = x1 - pad - self.g.decimal[cell.first][1]
        return point - self.g.face.width(whole, self.g.size)

    def _record(self, i: int, row: DrawnRow, cell: DrawnCell, bbox: list[float]) -> None:
        source = cell.record
        record = {k: v for k, v in source.items() if k not in ("document", "page", "bbox", "cell_id", "column_span")}
        record.update(
            document=self.document, page=self.d.page_number, table=self.plan.table_id, raw=cell.raw,
            column_label=cell.column_label, bbox=bbox, cell_id=f"{self.plan.table_id}|r{i}|c{cell.first}",
            source=f"{source['document']} p{source['page']} {source.get('cell_id', '')}",
        )
        if cell.column_span:
            record["column_span"] = cell.column_span
        if cell.text != cell.raw:
            record["printed"] = cell.text
        self.truth.append(record)
