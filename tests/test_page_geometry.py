"""Pages drawn with reportlab and read whole, where the geometry spans more than one
table: a table's last row carried over alone onto the next page, a bar chart whose
bars for figures near nought are thinner than a rule, one whose bars are all nought, and one of nought bars beside a tall one."""

from __future__ import annotations

from pathlib import Path

from extract.reader import extract_document

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
BODY, BOLD = "Helvetica", "Helvetica-Bold"


def draw(path: Path, pages: list[list[tuple]]) -> Path:
    """Pages of ('text', text, x, top, size, font, anchor), ('bar', x, top, width, height)
    and ('rule', x0, y0, x1, y1) placed from the top of the page; anchor 'l', 'r' or 'c'."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for items in pages:
        for kind, *args in items:
            if kind == "text":
                text, x, top, size, font, anchor = args
                page.setFont(font, size)
                baseline = PAGE_HEIGHT - top - 0.8 * size
                {"l": page.drawString, "r": page.drawRightString, "c": page.drawCentredString}[anchor](x, baseline, text)
            elif kind == "bar":
                x, top, width, height = args
                page.setFillColorRGB(0.27, 0.45, 0.77)
                page.rect(x, PAGE_HEIGHT - top - height, width, height, stroke=0, fill=1)
                page.setFillColorRGB(0, 0, 0)
            else:
                x0, y0, x1, y1 = args
                page.line(x0, PAGE_HEIGHT - y0, x1, PAGE_HEIGHT - y1)
        page.showPage()
    page.save()
    return path


def cells_of(path: Path) -> set[tuple[int, str, str, str]]:
    return {(c.page, c.row_label, c.column_label, c.value_text) for c in extract_document(path).cells}


def table_rows(top: float, rows: list[tuple[str, ...]]) -> list[tuple]:
    """Rows of a label and right-aligned figures under North / South / East / Total."""
    items = []
    for i, (label, *figures) in enumerate(rows):
        items.append(("text", label, 44, top + 14 * i, 8, BODY, "l"))
        items += [("text", f, 170 + 50 * j, top + 14 * i, 8, BODY, "r") for j, f in enumerate(figures)]
    return items


HEADER = [("text", "Area", 44, 100, 8, BOLD, "l")] + [
    ("text", name, 170 + 50 * j, 100, 8, BOLD, "r") for j, name in enumerate(("North", "South", "East", "Total"))]


def test_last_row_carried_over_alone_continues_the_table(tmp_path):
    # The table's last row is set alone atop the next page, no header with it, its label
    # wrapped over two lines: it is a row of the table, under the table's columns.
    first = HEADER + table_rows(116, [("Referrals", "12", "30", "41", "83"), ("Visits", "5", "6", "7", "18")])
    second = [("text", "Assessments", 44, 100, 8, BODY, "l"), ("text", "completed", 44, 109, 8, BODY, "l")]
    second += [("text", f, 170 + 50 * j, 100, 8, BODY, "r") for j, f in enumerate(("9", "8", "7", "24"))]
    found = cells_of(draw(tmp_path / "carried.pdf", [first, second]))
    assert {(2, "Assessments completed", "North", "9"), (2, "Assessments completed", "Total", "24")} <= found
    assert (1, "Visits", "East", "7") in found


def table_beside_bar_chart(bars: list[tuple[str, float]]) -> list[tuple]:
    """The North / South / East / Total table and, right of it on drawn axes, a bar of each
    (data label, height) over Referrals, Visits and Plans, its label just above it."""
    items = HEADER + table_rows(116, [("Referrals", "12", "30", "41", "83"), ("Visits", "5", "6", "7", "18"),
                                      ("Plans", "3", "4", "5", "12")])
    items += [("rule", 380, 100, 380, 150), ("rule", 380, 150, 540, 150)]
    items += [("bar", 390 + 40 * i, 150 - h, 24, h) for i, (_, h) in enumerate(bars)]
    items += [("text", t, 402 + 40 * i, 150 - h - 9, 7, BODY, "c") for i, (t, h) in enumerate(bars)]
    items += [("text", t, 402 + 40 * i, 153, 6, BODY, "c") for i, t in enumerate(("Referrals", "Visits", "Plans"))]
    return items


def test_chart_whose_short_bars_are_thinner_than_a_rule_is_a_chart(tmp_path):
    # Beside a table, a bar chart of `1`, `1` and `100.0%`: the two short bars are one
    # point tall, yet they stand on the tall bar's base, as wide as it: a chart, whose
    # data and axis labels are no cells of the table.
    items = table_beside_bar_chart([("1", 1), ("1", 1), ("100.0%", 44)])
    found = cells_of(draw(tmp_path / "chart.pdf", [items]))
    assert {(1, "Referrals", "North", "12"), (1, "Plans", "Total", "12")} <= found
    assert not any(value in ("1", "100.0%") for _, _, _, value in found)


def test_chart_whose_every_bar_is_nought_is_a_chart(tmp_path):
    # Beside a table, a bar chart of `0`, `0` and `0.0`: its bars are filled shapes of no
    # height, standing apart on the axis the chart's corner shows: a chart, whose data and
    # axis labels are no cells of the table.
    items = table_beside_bar_chart([("0", 0), ("0", 0), ("0.0", 0)])
    found = cells_of(draw(tmp_path / "nought.pdf", [items]))
    assert {(1, "Referrals", "North", "12"), (1, "Plans", "Total", "12"), (1, "Visits", "Total", "18")} <= found
    assert not any(value in ("0", "0.0") for _, _, _, value in found)


def test_chart_with_bars_of_nought_beside_a_tall_bar_is_a_chart(tmp_path):
    # Beside a table, a bar chart of `0`, `0` and `408.0`: two bars of no height on the
    # tall bar's base, as wide as it, make its series: a chart, whose data and axis labels
    # are no cells of the table.
    items = table_beside_bar_chart([("0", 0), ("0", 0), ("408.0", 44)])
    found = cells_of(draw(tmp_path / "tall.pdf", [items]))
    assert {(1, "Referrals", "North", "12"), (1, "Plans", "Total", "12")} <= found
    assert not any(value in ("0", "408.0") for _, _, _, value in found)
