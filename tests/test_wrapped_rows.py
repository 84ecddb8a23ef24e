"""Short tables under wrapped text, drawn with reportlab and read whole: a figure centred
beside a label wrapped over two lines, one-row tables between captions, a header wrapped
wider than its column, a footnoted figure atop a continued table."""

from __future__ import annotations

from pathlib import Path

from extract.reader import extract_document

PAGE_HEIGHT = 842.0


def draw(path: Path, texts: list[tuple[str, float, float, float, str, str]]) -> Path:
    """One A4 page: (text, x, top, size, font, anchor) placed with their top at `top`;
    anchor 'l', 'r' or 'c' says which point x is."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=(595.0, PAGE_HEIGHT))
    for text, x, top, size, font, anchor in texts:
        page.setFont(font, size)
        baseline = PAGE_HEIGHT - top - 0.8 * size
        {"l": page.drawString, "r": page.drawRightString, "c": page.drawCentredString}[anchor](x, baseline, text)
    page.showPage()
    page.save()
    return path


def cells_of(path: Path) -> set[tuple[str, str, str]]:
    return {(c.row_label, c.column_label, c.value_text) for c in extract_document(path).cells}


BODY, BOLD = "Helvetica", "Helvetica-Bold"


def label_list(top: float, value_x: float = 170) -> list[tuple]:
    """A label / value list, each value centred on its row beside a label wrapped over two
    lines (its baseline falls between theirs), a row group's name over them."""
    texts = [("Children in Need (CIN)", 44, top, 8, BOLD, "l")]
    rows = [("Total CIN in the last", "6 months", "9,892"), ("CIN started in the last", "6 months", "5,275"),
            ("Current children in", "need (snapshot)", "5,561"), ("CIN ceased in the last", "6 months", "4,331")]
    for i, (first, second, value) in enumerate(rows):
        row_top = top + 15 + 25 * i
        texts += [(first, 44, row_top, 8, BODY, "l"), (second, 44, row_top + 9.7, 8, BODY, "l"),
                  (value, value_x, row_top + 4.85, 8, BODY, "r")]
    return texts


def test_figure_centred_beside_a_wrapped_label_is_the_value_of_its_row(tmp_path):
    cells = cells_of(draw(tmp_path / "list.pdf", label_list(100)))
    assert cells == {
        ("Total CIN in the last 6 months", "", "9,892"), ("CIN started in the last 6 months", "", "5,275"),
        ("Current children in need (snapshot)", "", "5,561"), ("CIN ceased in the last 6 months", "", "4,331"),
    }


def test_one_row_tables_between_captions_wrap_their_label_and_take_the_header_over_their_figure(tmp_path):
    texts = label_list(100) + [
        ("Table 1: Chat headlines", 40, 218, 9.5, BOLD, "l"),  # the caption under the list, close to it
        ("CPP ended", 44, 236, 8, BODY, "l"), ("in 6 months", 44, 245.7, 8, BODY, "l"),
        ("384", 102, 240.85, 8, BODY, "r"),  # a word's width from its label, centred on the row
        ("Table 2: Cpp ended", 40, 262, 9.5, BOLD, "l"),
        ("Lancs", 96, 300, 8, BOLD, "c"),
        ("Rate per", 44, 313, 8, BODY, "l"), ("85.9", 103, 313, 8, BODY, "r"), ("10,000", 44, 322.7, 8, BODY, "l"),
        ("Table 3: Benchmark", 40, 340, 9.5, BOLD, "l"),
    ]
    cells = cells_of(draw(tmp_path / "one_row.pdf", texts))
    assert ("CPP ended in 6 months", "", "384") in cells
    assert ("Rate per 10,000", "Lancs", "85.9") in cells
    assert ("CIN ceased in the last 6 months", "", "4,331") in cells  # the list above keeps its last row
    assert len(cells) == 6


def test_one_figure_under_its_header_is_a_table_however_close_to_its_label(tmp_path):
    # `Lancs` over one figure a space from its label: no gap says label / value, the header
    # standing over the figure does. A header of three lines centred over a column its
    # figure sits flush left in heads it too, beside a label wrapped over three lines.
    texts = [
        ("Lancs", 101, 100, 8, BOLD, "c"),
        ("Percentage", 44, 113, 8, BODY, "l"), ("45.0 %", 44 + width("Percentage ") + 2, 113, 8, BODY, "l"),
        ("Note: figures for the latest month are provisional.", 40, 128, 7, BODY, "l"),
        ("Reported", 110, 160, 8, BOLD, "c"), ("figures", 110, 169.7, 8, BOLD, "c"), ("Lancs", 110, 183, 8, BOLD, "c"),
        ("Rate", 44, 196, 8, BODY, "l"), ("per", 44, 205.7, 8, BODY, "l"), ("85.9", 83, 205.7, 8, BODY, "l"),
        ("10,000", 44, 215.4, 8, BODY, "l"),
        ("Table 2: Benchmark", 40, 232, 9.5, BOLD, "l"),
    ]
    cells = cells_of(draw(tmp_path / "one_figure.pdf", texts))
    assert cells == {("Percentage", "Lancs", "45.0 %"), ("Rate per 10,000", "Reported figures > Lancs", "85.9")}


def test_a_heading_over_a_label_or_a_number_over_a_figure_makes_no_one_figure_table(tmp_path):
    # A section heading at the label's edge, and a page number over a figure, head nothing.
    texts = [
        ("Summary", 44, 100, 8, BOLD, "l"),
        ("Percentage", 44, 113, 8, BODY, "l"), ("45.0 %", 44 + width("Percentage ") + 2, 113, 8, BODY, "l"),
        ("12", 100, 150, 8, BODY, "c"),
        ("Children seen", 44, 163, 8, BODY, "l"), ("97", 44 + width("Children seen ") + 2, 163, 8, BODY, "l"),
    ]
    assert not cells_of(draw(tmp_path / "no_table.pdf", texts))


def test_label_wrapped_onto_a_figure_of_its_own_stays_the_rows_label(tmp_path):
    # `Rate / per 10,000` round one row of figures: `10,000` is the label's last line, not a
    # row of its own; stacked years in the label column stay rows.
    texts = [("Lancs", 96, 100, 8, BOLD, "c"), ("NW", 136, 100, 8, BOLD, "c")]
    texts += [("Rate", 44, 113, 8, BODY, "l"), ("per", 44, 122.7, 8, BODY, "l"), ("10,000", 44, 132.4, 8, BODY, "l")]
    texts += [("55.2", 104, 122.7, 8, BODY, "r"), ("56.5", 144, 122.7, 8, BODY, "r")]
    assert cells_of(draw(tmp_path / "wrapped.pdf", texts)) == {("Rate per 10,000", "Lancs", "55.2"), ("Rate per 10,000", "NW", "56.5")}


def test_figure_centred_under_a_spanning_header_is_merged_over_its_columns(tmp_path):
    # `CSC EAST` centred over four districts whose figures sit flush left; one row prints a
    # single figure centred under `CSC EAST`, off every district's edge: it is the parent's,
    # over all four columns, not Pendle's. A lone figure flush with Rossendale's stays there.
    lefts = (140, 180, 220, 260)
    texts = [("CSC EAST", 208, 100, 8, BOLD, "c"), ("SEND", 318, 110, 8, BOLD, "c")]
    texts += [(name, left + 8, 110, 7, BOLD, "c") for name, left in zip(("Burnley", "Pendle", "Rossendale", "HRV"), lefts)]
    rows = [("CLA Rate", ("94%", "95%", "88%", "91%", "70%")), ("CP Rate", ("81%", "77%", "83%", "79%", "65%"))]
    for i, (label, values) in enumerate(rows):
        texts += [(label, 44, 124 + 12 * i, 8, BODY, "l")]
        texts += [(v, x, 124 + 12 * i, 8, BODY, "l") for v, x in zip(values, lefts + (310,))]
    texts += [("Suitable acc.", 44, 148, 8, BODY, "l"), ("92%", 208, 148, 8, BODY, "c"), ("86%", 310, 148, 8, BODY, "l")]
    texts += [("In EET", 44, 160, 8, BODY, "l"), ("40%", 220, 160, 8, BODY, "l"), ("50%", 310, 160, 8, BODY, "l")]
    cells = {(c.row_label, c.column_label, c.value_text): c.column_span for c in extract_document(draw(tmp_path / "merged.pdf", texts)).cells}
    assert cells[("Suitable acc.", "CSC EAST > Burnley | Pendle | Rossendale | HRV", "92%")] == 4
    assert cells[("Suitable acc.", "SEND", "86%")] == 1
    assert cells[("In EET", "CSC EAST > Rossendale", "40%")] == 1
    assert cells[("CP Rate", "CSC EAST > Pendle", "77%")] == 1


def test_header_wrapped_wider_than_its_column_over_the_labels_still_heads_it(tmp_path):
    # `Total / Assessments` is wider than its figures and starts over the narrow label
    # column; `New Assessment` beside it is one line, centred on the header row.
    texts = [
        ("Total", 106, 102, 8, BOLD, "c"), ("Assessments", 125, 111.7, 8, BOLD, "r"),
        ("New Assessment", 190, 106.85, 8, BOLD, "r"), ("Repeat Ever", 250, 106.85, 8, BOLD, "r"),
    ]
    for i, (label, values) in enumerate([("North East", ("1492", "646", "846")), ("South West", ("890", "368", "522")),
                                         ("Other", ("127", "53", "74"))]):
        top = 128 + 14 * i
        texts += [(label, 44, top, 8, BODY, "l")] + [(v, x, top, 8, BODY, "r") for v, x in zip(values, (125, 190, 250))]
    cells = cells_of(draw(tmp_path / "header.pdf", texts))
    assert ("North East", "Total Assessments", "1492") in cells
    assert ("Other", "Total Assessments", "127") in cells
    assert ("South West", "New Assessment", "368") in cells
    assert len(cells) == 9


def test_footnoted_figure_on_the_first_line_of_a_table_is_a_row_not_its_header(tmp_path):
    # A table carried on from a page before, no header repeated: its first row prints `4,331¹`.
    texts = []
    for i, (label, value) in enumerate([("CIN ceased in the last 6 months", "4,331¹"), ("Current children in need", "5,561"),
                                        ("Total CPP in the last 6 months", "1,174"), ("CPP started in the last 6 months", "466")]):
        texts += [(label, 44, 100 + 13 * i, 7, BODY, "l"), (value, 222, 100 + 13 * i, 7, BODY, "r")]
    cells = cells_of(draw(tmp_path / "carried.pdf", texts))
    assert ("CIN ceased in the last 6 months", "", "4,331") in cells
    assert len(cells) == 4


def width(text: str, size: float = 8) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, BODY, size)


def test_note_under_a_table_ends_it_and_a_one_row_table_below_reads_alone(tmp_path):
    texts = label_list(100, value_x=250) + [
        ("Note: figures for the latest month are provisional.", 40, 214, 7, BODY, "l"),  # smaller, out at the margin
        ("CPP ended in 6 months", 44, 232, 8, BODY, "l"), ("384", 44 + width("CPP ended in 6 months 384") + 10, 232, 8, BODY, "r"),
        ("Note: figures for the latest month are provisional.", 40, 248, 7, BODY, "l"),
    ]
    cells = cells_of(draw(tmp_path / "notes.pdf", texts))
    assert ("CPP ended in 6 months", "", "384") in cells
    assert ("CIN ceased in the last 6 months", "", "4,331") in cells
    assert len(cells) == 5


def ruled_page(path: Path, rows: list[tuple[str, str | None]], top: float, tint: bool = False,
               bars: list[float] = ()) -> Path:
    """A table ruled line by line, rows 14.8 points high (tinted, if asked), a row with no
    value a group's name across both columns; beside it, a bar chart on axes whose bars
    rise to the given tops."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=(595.0, PAGE_HEIGHT))
    page.setStrokeColorRGB(0.27, 0.45, 0.77)
    for i, (label, value) in enumerate(rows):
        y0, y1 = PAGE_HEIGHT - top - 14.8 * (i + 1), PAGE_HEIGHT - top - 14.8 * i
        if tint:
            page.setFillColorRGB(0.87, 0.92, 0.97)
            page.rect(40, y0, 240, 14.8, stroke=0, fill=1)
        for x0, y_0, x1, y_1 in ((40, y0, 280, y0), (40, y1, 280, y1), (40, y0, 40, y1), (280, y0, 280, y1)):
            page.line(x0, y_0, x1, y_1)
        page.setFillColorRGB(0, 0, 0)
        page.setFont(BODY if value else BOLD, 8)
        page.drawString(44, y0 + 4.5, label)
        if value:
            page.line(250, y0, 250, y1)
            page.drawRightString(276, y0 + 4.5, value)
    if bars:
        base = PAGE_HEIGHT - top - 14.8 * len(rows)
        page.line(323, base, 479, base)
        page.line(323, base, 323, PAGE_HEIGHT - top)
        page.setFillColorRGB(0.27, 0.45, 0.77)
        for i, bar_top in enumerate(bars):
            page.rect(328 + 15 * i, base, 10, PAGE_HEIGHT - bar_top - base, stroke=0, fill=1)
    page.showPage()
    page.save()
    return path


HEADLINES = [("Contacts", None), ("Contacts in the last 6 months", "26,618"), ("Referrals", None),
             ("Referrals in the last 6 months", "5,733"), ("Social Care Assessments", None),
             ("Total assessments in the last 6 months", "6,551"), ("Ongoing assessments", "1,429")]


def test_bar_tops_level_with_a_ruled_tables_rules_do_not_bend_its_rows(tmp_path):
    # Rules every 14.8 points from 136; bars beside the table rise to within 2.5 points of
    # the rules round the `Referrals in the last 6 months` row (180.4 and 195.2).
    path = ruled_page(tmp_path / "chart.pdf", HEADLINES, 136.0, bars=[140.0, 178.0, 182.6, 195.6, 197.4, 199.2, 201.0, 202.8, 204.6])
    values = {value for _, value in HEADLINES if value}
    assert {c for c in cells_of(path) if c[2] in values} == {(label, "", value) for label, value in HEADLINES if value}


def test_one_tinted_ruled_row_is_a_row_not_a_header(tmp_path):
    # A table carried over onto a page with one banded row left.
    path = ruled_page(tmp_path / "tinted.pdf", [("Care leavers in receipt of leaving care services", "727")], 100.0, tint=True)
    assert cells_of(path) == {("Care leavers in receipt of leaving care services", "", "727")}


def test_a_wider_figure_on_one_row_of_many_sets_its_columns_edge():
    # `20%` once among eleven `0%`, flush right with them: the column starts where it does,
    # so a header word set just left of the `0%`s still lies over the column.
    from extract.columns import columns_of
    from extract.lines import Line, Phrase
    from tests.test_table_reading import chars_of

    lines = []
    for i in range(12):
        value = "20%" if i == 5 else "0%"
        top = 100 + 12 * i
        lines.append(Line([Phrase.of(chars_of(f"Row {i}", 40, top)), Phrase.of(chars_of(value, 466 - 4 * len(value), top)),
                           Phrase.of(chars_of("12", 502, top))]))
    assert columns_of(lines)[1][0] == 454.0
