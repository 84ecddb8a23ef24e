"""Reading meaning into grids whatever the layout: contents lists, banding, status words,
column-numbering rows and footnote markers, on small grids built by hand."""

from __future__ import annotations

from extract.cells import read_grid, status_of
from extract.charts import chart_regions
from extract.colours import rag_of
from extract.contents import is_contents, is_contents_entry
from extract.furniture import furniture_boxes, margin_lines
from extract.grid import Grid, GridCell
from extract.header_tree import banding_tints, header_rows
from extract.lines import text_lines
from extract.marks import without_raised_marks
from extract.regions import has_numbers
from extract.status import clear_row_bands
from extract.text_grid import text_grids
from extract.values import without_footnote_mark


def grid_of(rows: list[list[str]], tints: dict[int, tuple[float, ...]] | None = None) -> Grid:
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = GridCell(r, c, 1, 1, 100.0 * c, 20.0 * r, 100.0 * (c + 1), 20.0 * (r + 1), text=text)
            if tints and r in tints:
                cell.tinted, cell.tint = True, tints[r]
            cells.append(cell)
    n_cols = max(len(row) for row in rows)
    return Grid(1, (0, 0, 100.0 * n_cols, 20.0 * len(rows)), len(rows), n_cols, cells, [100.0 * c for c in range(n_cols + 1)])


def test_contents_list_is_no_table_and_a_footnoted_figure_is_no_page_number():
    contents = grid_of([["Referrals", "3"], ["Assessments", "5"], ["Looked after children", "9"]])
    assert is_contents(contents, pages=12)
    assert not is_contents(contents, pages=4)  # page 9 of a 4-page document: figures, not pages
    assert not is_contents(grid_of([["Referrals", "3"], ["Assessments", "20¹"]]), pages=30)


def test_contents_pointing_back_must_name_what_its_pages_print():
    # 'Age 2 / 5 / 9' on page 12 of a 30-page report is a table of counts, not contents
    ages = grid_of([["Under 5", "2"], ["5 to 9", "5"], ["10 to 15", "9"]])
    ages.page = 12
    assert not is_contents(ages, pages=30, page_text=lambda n: "Referrals by age")
    forward = grid_of([["Referrals", "3"], ["Assessments", "5"]])
    assert is_contents(forward, pages=12, page_text=lambda n: "")  # a list on page 1 pointing ahead
    pages = {3: "Table 1: Annex A\nCIN Visits WITHIN Timescales 96%"}
    assert is_contents_entry("Table 1: Annex A ........", "3", 2, 5, lambda n: pages.get(n, ""))
    assert not is_contents_entry("Children looked after", "3", 2, 5, lambda n: pages.get(n, ""))
    assert not is_contents_entry("Table 1: Annex A", "3", 4, 5, lambda n: pages.get(n, ""))  # a page before
    assert is_contents_entry("Table 2: Referrals", "3", 2, 5, lambda n: "Table 2: Referrals" if n == 4 else "")  # caption below, page 4


def test_zebra_tint_is_not_a_header_but_a_header_band_is():
    grey, blue = (0.9, 0.9, 0.9), (0.8, 0.85, 0.95)
    rows = [["Area", "Referrals"], ["Burnley", "12"], ["Pendle", "7"], ["Rossendale", "9"], ["Hyndburn", "4"]]
    banded = grid_of(rows, {1: grey, 3: grey})
    assert banding_tints(banded) == {grey}
    assert header_rows(banded) == [0]  # the unstyled first row of words, not the first band
    assert header_rows(grid_of(rows, {0: blue, 2: grey, 4: grey})) == [0]


def test_zebra_band_atop_a_continued_page_is_a_body_row_not_a_header():
    # A table continued without its header on a page of two rows: the first row's cream
    # band shows once there, but recurs down the table's first page, so it is banding.
    cream, blue = (1.0, 0.97, 0.88), (0.8, 0.85, 0.95)
    first = grid_of([["Area", "Burnley", "Pendle"], ["Referrals", "12", "7"], ["Visits", "30", "21"],
                     ["Reviews", "9", "4"], ["Plans", "5", "6"]], {0: blue, 2: cream, 4: cream})
    _, layout = read_grid(first, "t01", None)
    second = grid_of([["Open cases", "5%", "0%"], ["Closed cases", "16%", "28%"]], {0: cream})
    found = {(c.row_label, c.column_label, c.text) for c in read_grid(second, "t01", layout)[0]}
    assert found == {("Open cases", "Burnley", "5%"), ("Open cases", "Pendle", "0%"),
                     ("Closed cases", "Burnley", "16%"), ("Closed cases", "Pendle", "28%")}


def test_status_printed_as_word_or_letter_is_a_fill():
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="Amber")) == "amber"
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="G")) == "green"
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="●", ink=(0.9, 0.1, 0.1))) == "red"
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="↑", ink=(0.1, 0.7, 0.2))) is None  # direction of travel
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="12")) is None


def test_rag_by_hue_and_lightness_for_any_palette():
    palettes = {
        "office": ((1.0, 0.0, 0.0), (1.0, 0.753, 0.0), (0.0, 0.69, 0.314)),
        "muted": ((0.80, 0.42, 0.40), (0.89, 0.70, 0.38), (0.50, 0.70, 0.48)),
        "saturated": ((0.86, 0.0, 0.0), (1.0, 0.55, 0.0), (0.0, 0.62, 0.0)),
        "excel light fills": ((1.0, 0.78, 0.81), (1.0, 0.92, 0.61), (0.78, 0.94, 0.81)),
        "cmyk": ((0.0, 1.0, 1.0, 0.0), (0.0, 0.0, 1.0, 0.0), (1.0, 0.0, 1.0, 0.3)),  # yellow reads as amber
    }
    for name, (red, amber, green) in palettes.items():
        assert (rag_of(red), rag_of(amber), rag_of(green)) == ("red", "amber", "green"), name
    bands = [(0.93, 0.93, 0.93), (0.87, 0.92, 0.97), (1.0, 0.97, 0.88), (0.85, 0.88, 0.92), (0.12, 0.22, 0.40), (0.5,)]
    assert [rag_of(c) for c in bands] == [None] * len(bands)  # grey, pale blue, cream, header bands, grey
    assert rag_of((0.45, 0.2, 0.7)) is None  # purple is no status


def test_band_painted_cell_by_cell_is_no_status_but_a_status_on_it_is():
    # A peach band exported cell by cell on rows 1 and 3 reads amber by hue; on row 2 one
    # amber cell is a status.
    grid = grid_of([["Area", "Referrals", "RAG"], ["Burnley", "12", ""], ["Pendle", "7", ""], ["Hyndburn", "4", ""]])
    peach = (1.0, 0.85, 0.7)
    rects = []
    for cell in grid.cells:
        if cell.row in (1, 3) or (cell.row, cell.col) == (2, 2):
            cell.fill = "amber"
            rects.append({"x0": cell.x0, "x1": cell.x1, "top": cell.top, "bottom": cell.bottom, "width": 100.0,
                          "height": 20.0, "fill": True, "non_stroking_color": peach})
    clear_row_bands(grid, rects)
    assert [grid.at(r, 2).fill for r in (1, 2, 3)] == [None, "amber", None]
    assert grid.at(1, 0).tinted and grid.at(1, 0).tint == peach
    cells, _ = read_grid(grid, "t01", None)
    assert {(c.row_label, c.fill) for c in cells if c.column_label == "RAG"} == {("Pendle", "amber")}


def test_running_foot_with_its_page_number_is_furniture_without_a_neighbour():
    # A two-page report after its cover: the foot on page 2 repeats on no other page, but
    # prints the page's own number.
    body = chars_of("Referrals", 40, 400) + chars_of("12", 300, 400)
    foot = chars_of("Board pack 10 September 2020", 40, 780, size=7.0) + chars_of("2", 500, 780, size=7.0)
    lines = margin_lines(body + foot, 842.0)
    assert [line.text for line in lines] == ["Board pack 10 September 2020 2"]
    assert furniture_boxes(lines, [[]], page_number=2, pages=2) == [lines[0].box]
    assert furniture_boxes(lines, [[]], page_number=3, pages=4) == []  # '2' on page 3 numbers nothing
    total = margin_lines(chars_of("Total", 40, 770) + chars_of("3", 300, 770) + chars_of("Note", 40, 800), 842.0)
    assert [line.text for line in total] == ["Total 3", "Note"]
    assert furniture_boxes(total, [[]], page_number=3, pages=3) == []  # not the page's last line


def test_raised_footnote_mark_leaves_the_figure_in_an_unruled_table():
    chars = chars_of("Measure", 40, 100, True) + chars_of("2019", 120, 100, True) + chars_of("2020", 170, 100, True)
    chars += chars_of("Referrals", 40, 112) + chars_of("12.3", 120, 112) + chars_of("14.1", 170, 112)
    chars += [{"text": t, "x0": x, "x1": x + 2.5, "top": 110.5, "bottom": 115.5, "size": 5.0, "fontname": "Helvetica"}
              for t, x in (("1", 136.0), ("2", 138.5))]  # '12' raised after 12.3
    chars += chars_of("Visits", 40, 124) + chars_of("97", 120, 124) + chars_of("4%", 170, 124)
    grid = text_grids(text_lines(without_raised_marks(chars), 600.0, []), 1, 800.0)[0]
    cells, _ = read_grid(grid, "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} == {
        ("Referrals", "2019", "12.3"), ("Referrals", "2020", "14.1"), ("Visits", "2019", "97"), ("Visits", "2020", "4%"),
    }


def test_column_numbering_row_is_header_not_a_row():
    grid = grid_of([["States", "Total Debt", "Market Loans"], ["1", "2=", "3"], ["Assam", "12.69", "10.02"], ["Goa", "1.4", "1.02"]])
    assert header_rows(grid) == [0, 1]
    cells, _ = read_grid(grid, "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} >= {("Assam", "Market Loans > 3", "10.02")}
    assert not any(c.row_label == "1" for c in cells)


def test_footnote_marker_leaves_the_figure():
    assert [without_footnote_mark(t) for t in ("12.3¹", "1*", "45%†", "7 (p)", "Red", "n/a")] == ["12.3", "1", "45%", "7", "Red", "n/a"]


def chars_of(text: str, x: float, top: float, bold: bool = False, size: float = 8.0) -> list[dict]:
    """Characters of one printed phrase, each half the size wide."""
    font = "Helvetica-Bold" if bold else "Helvetica"
    return [
        {"text": ch, "x0": x + i * size / 2, "x1": x + (i + 1) * size / 2, "top": top, "bottom": top + size,
         "size": size, "fontname": font}
        for i, ch in enumerate(text)
    ]


def test_wrapped_header_flush_with_narrow_values_heads_their_column_alone():
    # 'Latest Stat / Neighbour / benchmark' is set flush left with its values but reaches
    # most of the way over the next column: one wrapped header, not a header over two columns.
    printed = [
        ("Latest Stat", 100, 100, True), ("Neighbour", 100, 109, True), ("Year", 150, 118, True),
        ("benchmark", 100, 118, True), ("Referrals", 40, 140, False), ("83", 100, 140, False),
        ("77", 150, 140, False), ("Assessments", 40, 152, False), ("89", 100, 152, False), ("71", 150, 152, False),
    ]
    chars = [c for text, x, top, bold in printed for c in chars_of(text, x, top, bold)]
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} == {
        ("Referrals", "Latest Stat Neighbour benchmark", "83"), ("Referrals", "Year", "77"),
        ("Assessments", "Latest Stat Neighbour benchmark", "89"), ("Assessments", "Year", "71"),
    }


ADVANCE = 4.8  # a fixed-pitch face's advance at 8 pt


def mono(text: str, x: float, top: float, bold: bool = False) -> list[dict]:
    """Characters of a phrase in a fixed-pitch face, spaces left as white."""
    font = "Courier-Bold" if bold else "Courier"
    return [{"text": ch, "x0": x + i * ADVANCE, "x1": x + (i + 1) * ADVANCE, "top": top, "bottom": top + 8.0,
             "size": 8.0, "fontname": font} for i, ch in enumerate(text) if ch != " "]


def test_fixed_pitch_header_words_flush_with_their_columns_are_separate_headers():
    # One space apart in a fixed-pitch face, `2016/17 April May June` is one phrase; each
    # word starts where its column's values start, so each heads its own column.
    advance = ADVANCE
    starts = [100 + advance * n for n in (0, 8, 14, 18)]
    chars = mono("Measure", 40, 100, True) + mono("2016/17 April May June", 100, 100, True)
    for top, label, values in ((112, "Referrals", ("12", "3", "4", "5")), (124, "Visits", ("20", "6", "7", "8"))):
        chars += mono(label, 40, top) + [c for x, v in zip(starts, values) for c in mono(v, x, top)]
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} >= {
        ("Referrals", "2016/17", "12"), ("Referrals", "April", "3"), ("Visits", "May", "7"), ("Visits", "June", "8"),
    }


def test_a_flat_curve_reaches_as_far_as_its_axes():
    # 98.8 %, 90.2 %, 94.2 % plotted almost flat over axes from (400, 145) to (555, 231): the
    # chart is the axes' extent, so its tick labels ('99', '49', '0' left of the axis) are in it.
    curve = {"pts": [(425, 152), (477, 145), (529, 149)], "fill": False, "x0": 425, "x1": 529, "top": 145, "bottom": 152}
    axes = [{"x0": 400, "x1": 555, "top": 231, "bottom": 231}, {"x0": 400, "x1": 400, "top": 145, "bottom": 231}]
    assert chart_regions([], [curve], [], axes) == [(400, 145, 555, 231)]
    beside = [{"x0": 300, "x1": 390, "top": 231, "bottom": 231}, {"x0": 390, "x1": 390, "top": 100, "bottom": 231}]
    assert chart_regions([], [curve], [], beside) == [(425, 145, 529, 152)]  # a table's corner to the left


def _centred(text: str, centre: float, top: float, bold: bool = False, size: float = 8.0) -> list[dict]:
    return chars_of(text, centre - len(text) * size / 4, top, bold, size)


def _right(text: str, right: float, top: float, size: float = 8.0) -> list[dict]:
    return chars_of(text, right - len(text) * size / 2, top, False, size)


def test_code_row_over_header_cells_of_different_heights_under_a_caption():
    # A caption flush with the table's left edge, a row of codes over the columns, header
    # cells of two and four lines centred in one band (their lines interleave, sharing no
    # baseline), a bold row group's name, then right-aligned values.
    chars = chars_of("Table 1: Care leavers", 40, 64, True, 10.0)
    chars += _centred("7.1", 150, 76, True) + _centred("7.2", 230, 76, True)
    for i, text in enumerate(("% of eligible", "care leavers", "with a pathway", "plan")):
        chars += _centred(text, 230, 90 + 10 * i, True)
    for i, text in enumerate(("Number of care", "leavers")):
        chars += _centred(text, 150, 105 + 10 * i, True)
    chars += chars_of("IN MONTH PERFORMANCE", 40, 140, True)
    for top, month, count, share in ((152, "Jan-20", "320", "91.8%"), (164, "Feb-20", "317", "94.0%")):
        chars += chars_of(month, 40, top) + _right(count, 170, top) + _right(share, 250, top)
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_group, c.row_label, c.column_label, c.text) for c in cells} == {
        ("IN MONTH PERFORMANCE", "Jan-20", "7.1 > Number of care leavers", "320"),
        ("IN MONTH PERFORMANCE", "Jan-20", "7.2 > % of eligible care leavers with a pathway plan", "91.8%"),
        ("IN MONTH PERFORMANCE", "Feb-20", "7.1 > Number of care leavers", "317"),
        ("IN MONTH PERFORMANCE", "Feb-20", "7.2 > % of eligible care leavers with a pathway plan", "94.0%"),
    }


def test_wrapped_header_beside_a_one_line_header_centred_between_its_lines():
    # `New / Assessment` wraps; `Repeat Ever` before it is one line set between the two.
    # The lower line of `New Assessment` reaches most of the way back over `Repeat Ever`'s
    # column, but with no header under it there it heads nothing there: it is no parent.
    chars = chars_of("Area", 40, 110, True) + _centred("Repeat Ever", 140, 105, True)
    chars += _centred("New", 185, 100, True) + _centred("Assessment", 178, 110, True)
    for top, area, values in ((124, "North East", ("846", "646")), (136, "South West", ("849", "565"))):
        chars += chars_of(area, 40, top)
        chars += [c for right, v in zip((150, 200), values) for c in _right(v, right, top)]
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} == {
        ("North East", "Repeat Ever", "846"), ("North East", "New Assessment", "646"),
        ("South West", "Repeat Ever", "849"), ("South West", "New Assessment", "565"),
    }


def test_fixed_pitch_header_words_centred_over_their_columns_are_separate_headers():
    # `FEB 18 JUNE 18 OCT 18`, one space apart in a fixed-pitch face, each month centred
    # over its column of values: three headers, not one over the whole table.
    advance = ADVANCE
    chars = mono("Age", 40, 100, True) + mono("FEB 18 JUNE 18 OCT 18", 100 - 0.5 * advance, 100, True)
    # months start 0, 7 and 15 advances in; values four wide, centred under each
    centres = [100 - 0.5 * advance + advance * (start + width / 2) for start, width in ((0, 6), (7, 7), (15, 6))]
    for top, label, values in ((112, "17-18", ("54.7", "59.4", "56.7")), (124, "Under 17", ("45.6", "47.7", "47.6"))):
        chars += mono(label, 40, top) + [c for x, v in zip(centres, values) for c in mono(v, x - 2 * advance, top)]
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} >= {
        ("17-18", "FEB 18", "54.7"), ("17-18", "JUNE 18", "59.4"), ("Under 17", "OCT 18", "47.6"),
    }


def test_stray_figure_beside_a_bold_header_line_leaves_it_header():
    # A chart's axis figure (`90`, not bold) printed level with a bold code row beside the
    # table does not make that row a body row, so the names under it are no new table.
    chars = _centred("6.10", 130, 100, True) + _centred("6.11", 210, 100, True) + chars_of("90", 400, 100)
    chars += _centred("Health", 130, 114, True) + _centred("Dental", 210, 114, True)
    chars += _centred("checks", 130, 124, True) + _centred("checks", 210, 124, True)
    for top, month, values in ((140, "Jan-20", ("89.9%", "86.1%")), (152, "Feb-20", ("90.2%", "82.3%"))):
        chars += chars_of(month, 40, top) + [c for right, v in zip((150, 230), values) for c in _right(v, right, top)]
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells = [c for grid in grids for c in read_grid(grid, "t01", None)[0]]
    assert {(c.row_label, c.column_label, c.text) for c in cells} >= {
        ("Jan-20", "6.10 > Health checks", "89.9%"), ("Feb-20", "6.11 > Dental checks", "82.3%"),
    }


def test_one_row_of_figures_under_its_header_is_a_table():
    # A benchmark table of one row: the header heads every figure, so it is data, though
    # only one row prints numbers.
    chars = chars_of("Lancs", 90, 100, True) + chars_of("NW", 130, 100, True) + chars_of("National", 160, 100, True)
    chars += chars_of("Percentage", 40, 112) + chars_of("21.1 %", 90, 112) + chars_of("21.4 %", 126, 112)
    chars += chars_of("23.3 %", 162, 112)
    grids = [g for g in text_grids(text_lines(chars, 600.0, []), 1, 800.0) if has_numbers(g)]
    cells = [c for grid in grids for c in read_grid(grid, "t01", None)[0]]
    assert {(c.row_label, c.column_label, c.text) for c in cells} == {
        ("Percentage", "Lancs", "21.1 %"), ("Percentage", "NW", "21.4 %"), ("Percentage", "National", "23.3 %"),
    }
    # Headline figures under their names, with no row label, are no table: they stay
    # headline cards.
    cards = chars_of("Referrals", 40, 100, True) + chars_of("Assessments", 120, 100, True)
    cards += chars_of("Visits", 210, 100, True)
    cards += chars_of("1,234", 40, 112) + chars_of("567", 120, 112) + chars_of("89", 210, 112)
    assert not [g for g in text_grids(text_lines(cards, 600.0, []), 1, 800.0) if has_numbers(g)]


def test_spanning_header_heads_the_columns_it_is_centred_over():
    # `CSC EAST` is short, centred over three districts whose values sit far apart: it
    # heads all three, not only the one its own words stand over; `SEND` beside it heads
    # its own column alone.
    chars = _centred("CSC EAST", 170, 100, True)
    for centre, name in ((110, "Burnley"), (170, "Pendle"), (230, "Rossendale"), (290, "SEND")):
        chars += _centred(name, centre, 114, True)
    for top, label, values in ((130, "CIN Rate", ("82", "154", "92", "12")), (142, "CP Rate", ("35", "51", "40", "8"))):
        chars += chars_of(label, 40, top) + [c for right, v in zip((118, 178, 238, 298), values) for c in _right(v, right, top)]
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} >= {
        ("CIN Rate", "CSC EAST > Burnley", "82"), ("CIN Rate", "CSC EAST > Pendle", "154"),
        ("CP Rate", "CSC EAST > Rossendale", "40"), ("CP Rate", "SEND", "8"),
    }


def courier(text: str, x: float, top: float, advance: float = 4.8, bold: bool = False) -> list[dict]:
    """Characters of a string set in a fixed-pitch face from x, spaces written as characters."""
    font = "Courier-Bold" if bold else "Courier"
    return [{"text": ch, "x0": x + i * advance, "x1": x + (i + 1) * advance, "top": top, "bottom": top + 8.0,
             "size": 8.0, "fontname": font} for i, ch in enumerate(text)]


def phrases_of(chars: list[dict]) -> list[list[str]]:
    return [[p.text for p in line.phrases] for line in text_lines(chars, 600.0, [])]


def test_fixed_pitch_cells_placed_apart_are_read_apart_and_words_of_one_string_together():
    # `439 of 466` and `94.2%` are two cells a space and a half apart: off the grid of whole
    # advances that one string keeps. `Martin Graham` is one string with a space in it, and
    # an arrow from another font in the row does not hide that the face is fixed-pitch.
    advance = 4.8
    chars = courier("Jun-20", 40, 100) + courier("439 of 466", 100, 100) + courier("94.2%", 100 + 11.5 * advance, 100)
    chars += courier("Martin Graham", 40, 120) + courier("Smaller", 40 + 15.5 * advance, 120)
    arrow = {"text": "↑", "x0": 200.0, "x1": 207.0, "top": 120.0, "bottom": 128.0, "size": 8.0, "fontname": "ArialUnicode"}
    assert phrases_of(chars + [arrow]) == [["Jun-20", "439 of 466", "94.2%"], ["Martin Graham", "Smaller", "↑"]]
    # A page set wholly on one grid of advances (a text dump) parts cells at two spaces.
    assert phrases_of(courier("Referrals 12  7", 40, 100)) == [["Referrals 12", "7"]]


def read_pages(pages: list[list[tuple[str, float, float, bool]]]) -> set[tuple[int, str, str, str]]:
    """Read printed phrases page by page as the reader does, a table's layout carried over."""
    found, layout = set(), None
    for number, printed in enumerate(pages, 1):
        chars = [c for text, x, top, bold in printed for c in chars_of(text, x, top, bold)]
        for grid in text_grids(text_lines(chars, 600.0, []), number, 800.0):
            if layout is not None:
                grid = layout.columns_of(grid)
            cells, layout = read_grid(grid, "t01", layout)
            found |= {(number, c.row_label, c.column_label, c.text) for c in cells}
    return found


def test_header_over_an_empty_column_heads_it_and_the_continuation_fills_it():
    # `YOT` prints no value on the first page and `Hyndburn` beside it heads the nearest
    # column: `YOT` heads a column of its own (not `YOT Hyndburn`), and the next page, its
    # header not repeated, is read on the same columns.
    def row(label: str, top: float, values: dict[float, str]) -> list[tuple[str, float, float, bool]]:
        return [(label, 40, top, False)] + [(text, x, top, False) for x, text in values.items()]

    first = [("Burnley", 100, 100, True), ("YOT", 160, 100, True), ("Hyndburn", 190, 100, True),
             ("Area", 40, 109, True), ("Pendle", 130, 109, True), ("Total", 230, 109, True), ("Other", 260, 109, True)]
    first += row("Referrals", 124, {100: "12", 130: "3", 190: "30", 230: "45", 260: "2"})
    first += row("Contacts", 136, {100: "14", 130: "4", 190: "31", 230: "49", 260: "1"})
    second = row("Visits", 100, {100: "5", 130: "6", 160: "7", 190: "19", 230: "37", 260: "0"})
    second += row("Reviews", 112, {100: "6", 130: "5", 160: "8", 190: "21", 230: "40", 260: "3"})
    found = read_pages([first, second])
    assert {(1, "Referrals", "Hyndburn", "30"), (2, "Visits", "YOT", "7"), (2, "Visits", "Hyndburn", "19"),
            (2, "Reviews", "Other", "3")} <= found
    assert not any("YOT Hyndburn" in column for _, _, column, _ in found)


def test_continued_page_starting_with_a_wrapped_label_takes_the_tables_header():
    # The continuation's first line is the first line of a two-line row label: not a header.
    first = [("Measure", 40, 100, True), ("2019", 160, 100, True), ("2020", 200, 100, True),
             ("Referrals", 40, 112, False), ("12", 160, 112, False), ("30", 200, 112, False),
             ("Contacts", 40, 124, False), ("14", 160, 124, False), ("31", 200, 124, False)]
    second = [("Children seen", 40, 100, False), ("within 10 days", 40, 109, False), ("5", 160, 109, False),
              ("7", 200, 109, False), ("Visits", 40, 124, False), ("6", 160, 124, False), ("8", 200, 124, False)]
    found = read_pages([first, second])
    assert {(2, "Children seen within 10 days", "2019", "5"), (2, "Children seen within 10 days", "2020", "7"),
            (2, "Visits", "2020", "8")} <= found


def test_header_centred_over_right_aligned_figures_heads_them_alone():
    # `New Assessment` is centred in the room its right-aligned figures leave to their left;
    # it reaches most of the way to the column before, but does not head it.
    printed = [("Total", 120, 100, True), ("New", 178, 100, True), ("Assessment", 160, 109, True),
               ("North", 40, 124, False), ("1492", 132, 124, False), ("43%", 208, 124, False),
               ("South", 40, 136, False), ("890", 136, 136, False), ("40%", 208, 136, False),
               ("West", 40, 148, False), ("127", 136, 148, False), ("9%", 212, 148, False)]
    assert {(1, "North", "New Assessment", "43%"), (1, "West", "New Assessment", "9%"),
            (1, "South", "Total", "890")} <= read_pages([printed])


def test_column_numbers_over_wide_headers_set_no_columns_of_their_own():
    # `2.1` and `2.4` are centred over wide headers, a level above them; their values are set flush left below.
    printed = [("2.1", 130, 100, True), ("2.4", 217, 100, True),
               ("Assessments started", 108, 112, True), ("Assessments completed", 195, 112, True),
               ("Feb-20", 40, 130, False), ("317", 100, 130, False), ("239", 186, 130, False),
               ("Mar-20", 40, 142, False), ("336", 100, 142, False), ("427", 186, 142, False)]
    found = read_pages([printed])
    assert {(1, "Feb-20", "2.1 > Assessments started", "317"), (1, "Mar-20", "2.4 > Assessments completed", "427")} <= found
    assert len(found) == 4


def test_header_over_an_empty_column_beside_a_wrapped_header_heads_it():
    # `Fostering & / Adoption` wraps over its figures; `YOT` beside it, one line centred
    # between those two, prints no value on this page: it heads an empty column of its own,
    # not a child of `Fostering & Adoption`, and the next page, its header not repeated, fills it.
    first = [("Fostering &", 160, 100, True), ("Adoption", 160, 109, True)]
    first += [(text, x, 104.5, True) for text, x in (("Area", 40), ("Burnley", 100), ("Pendle", 130), ("YOT", 212), ("Total", 260))]
    for top, label, values in ((124, "Referrals", ("12", "3", "30", "45")), (136, "Contacts", ("14", "4", "31", "49"))):
        first += [(label, 40, top, False)] + [(v, x, top, False) for x, v in zip((100, 130, 192, 260), values)]
    second = [("Visits", 40, 100, False)] + [(v, x, 100, False) for x, v in zip((100, 130, 192, 214, 260), ("5", "6", "7", "1", "19"))]
    second += [("Reviews", 40, 112, False)] + [(v, x, 112, False) for x, v in zip((100, 130, 192, 214, 260), ("6", "5", "8", "0", "21"))]
    found = read_pages([first, second])
    assert {(1, "Referrals", "Fostering & Adoption", "30"), (1, "Contacts", "Total", "49"),
            (2, "Visits", "YOT", "1"), (2, "Reviews", "Fostering & Adoption", "8"), (2, "Reviews", "Total", "21")} <= found
    assert not any(">" in column for _, _, column, _ in found)


def test_bars_of_one_length_on_a_drawn_base_are_a_chart_but_a_row_of_filled_cells_is_not():
    # Eight bars all at 100 % stand on an axis line; filled cells between two rules do not.
    bars = [{"x0": 600 + 20 * i, "x1": 612 + 20 * i, "top": 88, "bottom": 174, "width": 12, "height": 86, "fill": True}
            for i in range(8)]
    base = [{"x0": 590, "x1": 760, "top": 174, "bottom": 174}]
    assert chart_regions(bars, [], [], base) == [(600, 88, 752, 174)]
    assert chart_regions(bars[:2], [], [], base) == []  # two bars could be anything
    ruled_row = base + [{"x0": 590, "x1": 760, "top": 88, "bottom": 88}]
    assert chart_regions(bars, [], [], ruled_row) == []
    assert chart_regions(bars, [], [], []) == []


def test_codes_beside_wrapped_labels_keep_their_column_on_a_continued_page():
    # Each row's code prints beside the first line of its label, its figures beside the
    # second: on the page that continues the table without its header, no line with
    # figures has a code on it, and the codes still make the table's first column.
    def row(code: str, label: tuple[str, str], top: float, values: tuple[str, str]) -> list[tuple[str, float, float, bool]]:
        return [(code, 40, top, False), (label[0], 80, top, False), (label[1], 80, top + 9, False),
                (values[0], 200, top + 9, False), (values[1], 240, top + 9, False)]

    first = [("Code", 40, 100, True), ("Measure", 80, 100, True), ("2019", 200, 100, True), ("2020", 240, 100, True)]
    first += row("CSC 181", ("Rate of children", "on a plan"), 112, ("43", "60")) + row("CSC 182", ("Number of", "children"), 136, ("135", "121"))
    second = row("CSC 183", ("Children seen", "within 10 days"), 100, ("95", "87")) + row("CSC 186", ("Plans ceasing", "after 2 years"), 124, ("3.7", "3.0"))
    found = read_pages([first, second])
    assert {(1, "Rate of children on a plan", "2019", "43"), (2, "Children seen within 10 days", "2020", "87"),
            (2, "Plans ceasing after 2 years", "2019", "3.7")} <= found
    assert not any(column == "" for _, _, column, _ in found)


def test_one_row_under_its_header_with_the_label_wrapped_around_its_figures():
    # `At 31st / March` wraps over two lines and its figures print on a line of their own
    # between them: the label is still the row's label, not a third column's text.
    printed = [("2019", 130, 100, True), ("2020", 170, 100, True), ("At 31st", 66, 112, False),
               ("93.0 %", 128, 116.5, False), ("91.0 %", 168, 116.5, False), ("March", 66, 121, False)]
    assert read_pages([printed]) == {(1, "At 31st March", "2019", "93.0 %"), (1, "At 31st March", "2020", "91.0 %")}


def test_code_centred_over_two_columns_heads_both_and_makes_no_column():
    # `1.5` stands between two columns, above both their headers: it spans them (it is
    # not a header over an empty column between them).
    printed = [("1.4", 104, 100, True), ("1.5", 176, 100, True),
               ("Referrals", 92, 112, True), ("Rolling", 150, 112, True), ("Rate", 196, 112, True)]
    for top, label, values in ((126, "Feb-20", ("321", "3786", "664.8")), (138, "Mar-20", ("338", "3766", "661.3"))):
        printed += [(label, 40, top, False)] + [(v, x, top, False) for x, v in zip((104, 152, 196), values)]
    found = read_pages([printed])
    assert {(1, "Feb-20", "1.4 > Referrals", "321"), (1, "Feb-20", "1.5 > Rolling", "3786"),
            (1, "Mar-20", "1.5 > Rate", "661.3")} <= found
    assert len(found) == 6

