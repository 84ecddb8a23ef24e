"""One variant document: a family's identity on its first page (or cover), a contents page,
the chosen tables with captions, footnotes and charts, running heads, feet and page numbers."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.variants.draft import BAND, MARGIN, Draft, Page
from benchmarks.variants.identity import Identity, identity_of
from benchmarks.variants.layouts import Variant
from benchmarks.variants.source import SourceTable
from benchmarks.variants.table_drawing import Geometry, TableDrawer, TablePlan, fit, plan_table
from benchmarks.variants.typeface import Typeface

MARKERS = {"superscript": "¹", "star": "*"}
NOTES = {
    "notes": ["Note: figures for the latest month are provisional and may change when the report is re-run."],
    "superscript": ["¹ Provisional: subject to validation at year end."],
    "star": ["* Figure revised since the previous report."],
}
CHART_WIDTH, CHART_HEIGHT = 190.0, 130.0
BAR_COLOUR = (0.27, 0.45, 0.77)
_NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?%?$")


@dataclass
class Selection:
    """The tables of one source document a variant prints, each a window of its rows."""

    document: str
    tables: list[tuple[SourceTable, int, int]]  # table, first row, end row


@dataclass
class RenderedDocument:
    name: str
    source: str
    family: str
    identity: Identity
    truth: list[dict] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # tables too wide for the page at any size
    fitted: list[str] = field(default_factory=list)  # tables set smaller or narrower than the variant's type


def caption_of(number: int, table: SourceTable) -> str:
    words = re.sub(r"^[a-z]?\d+_", "", table.name).replace("_", " ").strip()
    return f"Table {number}: {words[:1].upper()}{words[1:]}"


def _numeric(text: str) -> float | None:
    t = text.strip()
    return float(t.replace(",", "").rstrip("%")) if _NUMBER.match(t) else None


def _chart_series(plan: TablePlan) -> tuple[str, list[tuple[str, str, float]]]:
    """The first row with three or more numbers (categories: its columns), else the first column."""
    for row in plan.rows:
        points = [(plan.paths[c.first][-1], c.text, _numeric(c.text)) for c in row.cells if c.first == c.last]
        points = [(k, t, v) for k, t, v in points if v is not None]
        if len(points) >= 3:
            return row.label, points[:8]
    column: list[tuple[str, str, float]] = []
    for row in plan.rows:
        for cell in row.cells[:1]:
            if (value := _numeric(cell.text)) is not None:
                column.append((row.label, cell.text, value))
    return (plan.paths[0][-1] if plan.paths else "Values"), column[:8]


def draw_chart(draft: Draft, page: Page, kind: str, x: float, top: float, plan: TablePlan, face: Typeface) -> float:
    """A bar or line chart of one series of the table, with axis and data labels; returns its bottom."""
    title, points = _chart_series(plan)
    if len(points) < 2:
        return top
    size = 6.5
    draft.text(x, top - size, f"Chart: {title or plan.caption}"[:60], size + 1, face, bold=True, page=page)
    left, bottom = x + 28, top - CHART_HEIGHT + 22
    width, height = CHART_WIDTH - 34, CHART_HEIGHT - 44
    high = max(v for _, _, v in points) or 1.0
    draft.rule(left, bottom, left + width, bottom, 0.8, page=page)
    draft.rule(left, bottom, left, bottom + height, 0.8, page=page)
    for k in range(3):  # axis ticks at 0, half and the top
        value = high * k / 2
        y = bottom + height * k / 2
        label = f"{value:,.0f}" if high >= 10 else f"{value:.1f}"
        draft.text(left - 3 - face.width(label, size), y - size / 3, label, size, face, page=page)
    step = width / len(points)
    line: list[tuple[float, float]] = []
    for i, (category, text, value) in enumerate(points):
        cx = left + step * (i + 0.5)
        cy = bottom + height * max(value, 0) / high
        if kind == "bar":
            draft.fill(cx - step * 0.3, bottom, step * 0.6, cy - bottom, BAR_COLOUR, page=page)
        line.append((cx, cy))
        draft.text(cx - face.width(text, size) / 2, cy + 2, text, size, face, page=page)
        short = category
        while short and face.width(short, size - 1) > step - 2:
            short = short[:-1]
        draft.text(cx - face.width(short, size - 1) / 2, bottom - size - 2, short, size - 1, face, page=page)
    if kind == "line":
        page.lines.append((line, BAR_COLOUR))
    return top - CHART_HEIGHT


def _fitted(face: Typeface, text: str, size: float, width: float, bold: bool) -> float:
    """The size at which text fits on one line (the family's identifying words must not break)."""
    while face.width(text, size, bold) > width and size > 6:
        size -= 0.5
    return size


def _title_block(draft: Draft, identity: Identity, face: Typeface) -> None:
    draft.y -= 14
    draft.text(draft.left, draft.y, identity.title, _fitted(face, identity.title, 13, draft.usable_width, True), face,
               bold=True)
    draft.y -= 13
    draft.text(draft.left, draft.y, f"{identity.subtitle} · {identity.council}", 9, face)
    draft.y -= 12
    draft.text(draft.left, draft.y, identity.edition, 9, face, bold=True)
    draft.y -= 18


def _cover(draft: Draft, identity: Identity, face: Typeface) -> None:
    """Title lines centred, each on one line."""
    y = draft.height * 0.62
    for text, size, bold in ((identity.title, 18, True), (identity.subtitle, 12, False), (identity.council, 12, False),
                             (identity.edition, 12, True), ("Prepared by the Performance and Quality Team", 9, False)):
        size = _fitted(face, text, size, draft.usable_width, bold)
        draft.text((draft.width - face.width(text, size, bold)) / 2, y, text, size, face, bold=bold)
        y -= size * 2.2
    draft.new_page()


def _contents(draft: Draft, entries: list[tuple[str, int]], face: Typeface) -> None:
    page = draft.pages[1]
    y = draft.top - 20
    draft.text(draft.left, y, "Contents", 14, face, bold=True, page=page)
    y -= 24
    for caption, number in entries:
        right = draft.left + min(draft.usable_width, 420)
        draft.text(draft.left, y, caption, 10, face, page=page)
        label = str(number)
        draft.text(right - face.width(label, 10), y, label, 10, face, page=page)
        y -= 15


def _furniture(draft: Draft, variant: Variant, identity: Identity, face: Typeface) -> None:
    total = draft.page_number
    for n, page in enumerate(draft.pages, start=1):
        if variant.front != "none" and n == 1:
            continue  # a cover carries no running head
        if variant.running in ("head", "both"):
            y = draft.height - MARGIN - 8
            draft.text(draft.left, y, identity.title, 7, face, page=page)
            draft.text(draft.width - MARGIN - face.width(identity.council, 7), y, identity.council, 7, face, page=page)
        y = MARGIN + BAND / 2 - 4
        if variant.running in ("foot", "both"):
            draft.text(draft.left, y, f"{identity.edition} · Performance and Quality Team", 7, face, page=page)
        if variant.page_numbers != "none":
            label = str(n) if variant.page_numbers == "plain" else f"Page {n} of {total}"
            x = (draft.width - face.width(label, 7)) / 2 if variant.page_numbers == "plain" \
                else draft.width - MARGIN - face.width(label, 7)
            draft.text(x, y, label, 7, face, page=page)


def render_document(selection: Selection, variant: Variant, name: str, path: Path) -> RenderedDocument:
    """Draws the selection in the variant's layout into path; returns the truth of what it drew."""
    identity = identity_of(selection.document)
    face = Typeface.named(variant.face)
    rng = random.Random(f"{variant.table_seed}:{selection.document}")
    out = RenderedDocument(name, selection.document, selection.tables[0][0].family, identity)
    draft = Draft(variant.page)
    if variant.front != "none":
        _cover(draft, identity, face)
        if variant.front == "cover_contents":
            draft.new_page()
    else:
        _title_block(draft, identity, face)
    entries: list[tuple[str, int]] = []
    for number, (table, start, end) in enumerate(selection.tables, start=1):
        rows = table.rows[start:end]
        caption = caption_of(number, table)
        markers = {}
        if variant.footnotes in MARKERS:
            numeric = [(r, c) for r, row in enumerate(rows) for c, rec in row.cells.items()
                       if rec.get("value") is not None and _numeric(rec.get("raw") or "") is not None]
            for key in rng.sample(numeric, min(3, len(numeric))):
                markers[key] = MARKERS[variant.footnotes]
        notes = NOTES.get(variant.footnotes, []) if variant.footnotes == "notes" or markers else []
        forced = None
        if variant.page_break != "none" and len(rows) >= 8 and number == 1:
            forced = len(rows) // 2
        plan = plan_table(f"{table.name}", caption, table.columns, rows, variant, markers, notes, forced)
        if forced is not None:  # the forced break sits before a data row, never under a group title
            plan.break_before = _body_index_of_row(plan, forced)
        chart_room = CHART_WIDTH + 16 if variant.chart != "none" and number == 1 else 0.0
        geometry = fit(plan, variant, draft.usable_width - chart_room) if chart_room else None
        if geometry is not None and (geometry.size != variant.size or geometry.face.scale != face.scale):
            geometry = None  # no room beside the table at its own type size: the chart goes below
        beside = geometry is not None
        geometry = geometry or fit(plan, variant, draft.usable_width)
        if geometry is None:
            out.dropped.append(table.key)
            continue
        if geometry.size != variant.size or geometry.face.scale != face.scale:
            out.fitted.append(f"{table.key} at {geometry.size:g} pt, {geometry.face.scale:g} % wide")
        _place(draft, plan, geometry, variant, name, out.truth, beside if chart_room else None, face)
        entries.append((caption, _first_page_of(out.truth, plan.table_id, draft.page_number)))
    if variant.front == "cover_contents":
        _contents(draft, entries, face)
    _furniture(draft, variant, identity, face)
    draft.save(path)
    return out


def _body_index_of_row(plan: TablePlan, data_row: int) -> int:
    seen = -1
    for i, row in enumerate(plan.rows):
        if not row.is_group_title:
            seen += 1
            if seen == data_row:
                return i - 1 if i > 0 and plan.rows[i - 1].is_group_title else i
    return len(plan.rows) - 1


def _first_page_of(truth: list[dict], table_id: str, default: int) -> int:
    return min((r["page"] for r in truth if r["table"] == table_id), default=default)


def _place(draft: Draft, plan: TablePlan, geometry: Geometry, variant: Variant, name: str, truth: list[dict],
           chart_beside: bool | None, face: Typeface) -> None:
    drawer = TableDrawer(draft, plan, geometry, variant, name, truth)
    drawer.draw()
    if chart_beside is None:
        return
    if chart_beside:  # to the right of the table's first rows, on its first page
        page = draft.pages[drawer.first_page - 1]
        draw_chart(draft, page, variant.chart, drawer.x0 + geometry.width + 16, drawer.top_y - 4, plan, face)
        if draft.page_number == drawer.first_page:
            draft.y = min(draft.y, drawer.top_y - CHART_HEIGHT - 12)
        return
    if draft.room() < CHART_HEIGHT + 10:
        draft.new_page()
    draft.y = draw_chart(draft, draft.page, variant.chart, draft.left, draft.y, plan, face) - 14
