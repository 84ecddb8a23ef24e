"""Geometry of wide indicator tables that used to fool the reader: a text cell merged across
value columns on a row of figures, a note set in the table's fixed-pitch face at full width
beside a table squeezed to fit, a continued page whose row label, after its code, runs on
over the next column, status fills the continuation's own columns leave out, a
contents page listing a single table, and a header band with stacked status fills that the
table finder takes for a frame round the rows."""

from __future__ import annotations

from pathlib import Path

from extract.lines import text_lines
from extract.reader import extract_document
from test_table_geometry import read_chars
from test_table_reading import chars_of

PAGE = (842.0, 595.0)
BODY, BOLD = "Helvetica", "Helvetica-Bold"
MONTHS = {120: "May", 160: "June", 200: "July", 240: "Aug"}


def test_text_merged_across_value_columns_on_a_row_of_figures_keeps_the_columns_apart():
    # `Suppressed due to low numbers` alone bridges the white between June, July and Aug,
    # which every other row keeps apart: a merged cell, not one wide column.
    chars = chars_of("Area", 40, 100, True) + [c for x, month in MONTHS.items() for c in chars_of(month, x, 100, True)]
    rows = [("North", ("12", "30", "45", "50")), ("South", ("14", "31", "46", "51")), ("West", ("15", "32", "47", "52"))]
    for top, (label, values) in zip((112, 124, 148), rows):
        chars += chars_of(label, 40, top) + [c for x, v in zip(MONTHS, values) for c in chars_of(v, x, top)]
    chars += chars_of("East", 40, 136) + chars_of("9", 120, 136) + chars_of("Suppressed due to low numbers", 150, 136)
    found = read_chars(chars)
    assert {("North", "July", "45"), ("South", "Aug", "51"), ("West", "June", "32"), ("East", "May", "9")} <= found
    assert ("East", "June | July | Aug", "Suppressed due to low numbers") in found
    assert len(found) == 14


def _courier(text: str, x: float, top: float, advance: float, size: float = 8.0) -> list[dict]:
    return [{"text": ch, "x0": x + i * advance, "x1": x + (i + 1) * advance, "top": top, "bottom": top + size,
             "size": size, "fontname": "Courier"} for i, ch in enumerate(text) if ch != " "]


def test_note_at_full_width_beside_a_squeezed_fixed_pitch_table_is_one_phrase():
    # The table is set in Courier squeezed to 0.39 of its size, the note under it in the
    # same face at its full 0.6: one space apart, the note's words are one phrase.
    chars = []
    for i, row in enumerate(("Referrals   12   30", "Assessments   14   31", "Visits   15   32")):
        chars += _courier(row, 40, 100 + 10 * i, 0.39 * 8)
    chars += _courier("Provisional: subject to validation at year end.", 40, 140, 0.6 * 8)
    lines = text_lines(chars, 600.0, [])
    assert [p.text for p in lines[0].phrases] == ["Referrals", "12", "30"]
    assert [p.text for p in lines[-1].phrases] == ["Provisional: subject to validation at year end."]


def _draw(path: Path, pages: list[list[tuple]]) -> Path:
    """Landscape A4 pages of (text, x, top, font, anchor) at 8 points, or ('fill', x0, top,
    x1, bottom, rgb) status fills."""
    from reportlab.pdfgen import canvas

    doc = canvas.Canvas(str(path), pagesize=PAGE)
    for items in pages:
        for item in items:
            if item[0] == "fill":
                _, x0, top, x1, bottom, rgb = item
                doc.setFillColorRGB(*rgb)
                doc.rect(x0, PAGE[1] - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
                continue
            text, x, top, font, anchor = item
            doc.setFillColorRGB(0, 0, 0)
            doc.setFont(font, 8)
            baseline = PAGE[1] - top - 6.4
            {"l": doc.drawString, "r": doc.drawRightString, "c": doc.drawCentredString}[anchor](x, baseline, text)
        doc.showPage()
    doc.save()
    return path


RED, GREEN = (1.0, 0.0, 0.0), (0.0, 0.69, 0.31)


def _row(top: float, code: str, label: str, lead: str, values: tuple[str, str],
         fill: tuple[float, float, float] | None) -> list[tuple]:
    items = [(code, 40, top, BODY, "l"), (label, 80, top, BODY, "l"), (lead, 330, top, BODY, "r"),
             (values[0], 370, top, BODY, "r"), (values[1], 410, top, BODY, "r")]
    return items + ([("fill", 420, top - 2, 450, top + 10, fill)] if fill else [])


def test_continued_row_label_after_its_code_runs_on_and_its_status_fill_keeps_its_column(tmp_path):
    # Page 2 repeats no header. Its first label, after the row's code, is longer than any
    # on page 1 and ends past the middle of the Lead column, yet well short of the
    # right-aligned name in it; one row of page 2 has a status, a fill printing nothing,
    # too few to make a column of that page's own: both are the table's, as on page 1.
    first = [("Code", 40, 100, BOLD, "l"), ("Measure", 80, 100, BOLD, "l"), ("Lead", 330, 100, BOLD, "r"),
             ("2019", 370, 100, BOLD, "r"), ("2020", 410, 100, BOLD, "r"), ("RAG", 435, 100, BOLD, "c")]
    first += _row(115, "CSC 1", "Referrals", "Martin Graham", ("12", "30"), RED)
    first += _row(130, "CSC 2", "Assessments", "Ann Lee", ("14", "31"), GREEN)
    first += _row(145, "CSC 3", "Visits", "Ann Lee", ("15", "32"), RED)
    long_label = "Time between entering care and moving in with adopters"
    second = _row(100, "CSC 4", long_label, "Ann Lee", ("9", "8"), None)
    second += _row(115, "CSC 5", "Reviews", "Martin Graham", ("5", "7"), GREEN)
    second += _row(130, "CSC 6", "Placements", "Ann Lee", ("6", "4"), None)
    cells = extract_document(_draw(tmp_path / "kpi.pdf", [first, second])).cells
    found = {(c.page, c.row_code, c.row_label, c.column_label, c.value_text, c.fill) for c in cells}
    assert {(1, "CSC 2", "Assessments", "RAG", "", "green"), (2, "CSC 4", long_label, "Lead", "Ann Lee", None),
            (2, "CSC 4", long_label, "2020", "8", None), (2, "CSC 5", "Reviews", "2019", "5", None),
            (2, "CSC 5", "Reviews", "RAG", "", "green")} <= found
    assert not any(c.page == 2 and not c.column_label for c in cells)


def test_contents_page_listing_one_table_prints_no_value(tmp_path):
    # Page 2 lists the one table, on page 3, whose caption page 3 does not print.
    contents = [("Contents", 40, 80, BOLD, "l"), ("Table 1: Summary box", 40, 100, BODY, "l"), ("3", 300, 100, BODY, "r")]
    table = [("Measure", 40, 100, BOLD, "l"), ("2019", 200, 100, BOLD, "r"), ("2020", 240, 100, BOLD, "r")]
    for top, label, values in ((115, "Referrals", ("12", "30")), (130, "Visits", ("14", "31"))):
        table += [(label, 40, top, BODY, "l"), (values[0], 200, top, BODY, "r"), (values[1], 240, top, BODY, "r")]
    cover = [("Children's services performance", 40, 100, BOLD, "l")]
    cells = extract_document(_draw(tmp_path / "contents.pdf", [cover, contents, table])).cells
    assert {(c.page, c.row_label, c.column_label, c.value_text) for c in cells} == {
        (3, "Referrals", "2019", "12"), (3, "Referrals", "2020", "30"), (3, "Visits", "2019", "14"), (3, "Visits", "2020", "31"),
    }


def test_header_band_and_stacked_status_fills_frame_no_cells(tmp_path):
    # A tinted header band across the table and status fills stacked a point apart down
    # its last column make the table finder see a frame round the rows, with no cell under
    # their labels and figures: the text says where the cells are, the fills give status.
    page = [("fill", 40, 96, 330, 110, (0.85, 0.88, 0.92)), ("Measure", 44, 99, BOLD, "l"),
            ("2019", 230, 99, BOLD, "r"), ("2020", 270, 99, BOLD, "r"), ("RAG", 310, 99, BOLD, "c")]
    for i, (label, values, word, colour) in enumerate([("Referrals", ("12", "30"), "Green", GREEN),
                                                       ("Assessments", ("14", "31"), "Red", RED),
                                                       ("Visits", ("15", "32"), "Green", GREEN),
                                                       ("Reviews", ("16", "33"), "Green", GREEN)]):
        top = 112 + 10 * i
        page += [("fill", 292, top - 0.5, 328, top + 8.5, colour), (label, 44, top, BODY, "l"),
                 (values[0], 230, top, BODY, "r"), (values[1], 270, top, BODY, "r"), (word, 310, top, BODY, "c")]
    cells = extract_document(_draw(tmp_path / "bands.pdf", [page])).cells
    assert {(c.row_label, c.column_label, c.value_text) for c in cells} == {
        ("Referrals", "2019", "12"), ("Referrals", "2020", "30"), ("Referrals", "RAG", "Green"),
        ("Assessments", "2019", "14"), ("Assessments", "2020", "31"), ("Assessments", "RAG", "Red"),
        ("Visits", "2019", "15"), ("Visits", "2020", "32"), ("Visits", "RAG", "Green"),
        ("Reviews", "2019", "16"), ("Reviews", "2020", "33"), ("Reviews", "RAG", "Green"),
    }
