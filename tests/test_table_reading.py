"""Reading meaning into grids whatever the layout: contents lists, banding, status words,
column-numbering rows and footnote markers, on small grids built by hand."""

from __future__ import annotations

from extract.cells import read_grid, status_of
from extract.grid import Grid, GridCell
from extract.header_tree import banding_tints, header_rows
from extract.lines import text_lines
from extract.regions import is_contents
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


def test_zebra_tint_is_not_a_header_but_a_header_band_is():
    grey, blue = (0.9, 0.9, 0.9), (0.8, 0.85, 0.95)
    rows = [["Area", "Referrals"], ["Burnley", "12"], ["Pendle", "7"], ["Rossendale", "9"], ["Hyndburn", "4"]]
    banded = grid_of(rows, {1: grey, 3: grey})
    assert banding_tints(banded) == {grey}
    assert header_rows(banded) == [0]  # the unstyled first row of words, not the first band
    assert header_rows(grid_of(rows, {0: blue, 2: grey, 4: grey})) == [0]


def test_status_printed_as_word_or_letter_is_a_fill():
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="Amber")) == "amber"
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="G")) == "green"
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="●", ink=(0.9, 0.1, 0.1))) == "red"
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="↑", ink=(0.1, 0.7, 0.2))) is None  # direction of travel
    assert status_of(GridCell(1, 2, 1, 1, 0, 0, 1, 1, text="12")) is None


def test_column_numbering_row_is_header_not_a_row():
    grid = grid_of([["States", "Total Debt", "Market Loans"], ["1", "2=", "3"], ["Assam", "12.69", "10.02"], ["Goa", "1.4", "1.02"]])
    assert header_rows(grid) == [0, 1]
    cells, _ = read_grid(grid, "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} >= {("Assam", "Market Loans > 3", "10.02")}
    assert not any(c.row_label == "1" for c in cells)


def test_footnote_marker_leaves_the_figure():
    assert [without_footnote_mark(t) for t in ("12.3¹", "1*", "45%†", "Red", "n/a")] == ["12.3", "1", "45%", "Red", "n/a"]


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


def test_fixed_pitch_header_words_flush_with_their_columns_are_separate_headers():
    # One space apart in a fixed-pitch face, `2016/17 April May June` is one phrase; each
    # word starts where its column's values start, so each heads its own column.
    advance = 4.8

    def mono(text: str, x: float, top: float, bold: bool = False) -> list[dict]:
        font = "Courier-Bold" if bold else "Courier"
        return [{"text": ch, "x0": x + i * advance, "x1": x + (i + 1) * advance, "top": top, "bottom": top + 8.0,
                 "size": 8.0, "fontname": font} for i, ch in enumerate(text) if ch != " "]

    starts = [100 + advance * n for n in (0, 8, 14, 18)]
    chars = mono("Measure", 40, 100, True) + mono("2016/17 April May June", 100, 100, True)
    for top, label, values in ((112, "Referrals", ("12", "3", "4", "5")), (124, "Visits", ("20", "6", "7", "8"))):
        chars += mono(label, 40, top) + [c for x, v in zip(starts, values) for c in mono(v, x, top)]
    grids = text_grids(text_lines(chars, 600.0, []), 1, 800.0)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_label, c.column_label, c.text) for c in cells} >= {
        ("Referrals", "2016/17", "12"), ("Referrals", "April", "3"), ("Visits", "May", "7"), ("Visits", "June", "8"),
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
    # `2.1` and `2.4` are centred over wide headers; their values are set flush left below.
    printed = [("2.1", 130, 100, True), ("2.4", 217, 100, True),
               ("Assessments started", 108, 112, True), ("Assessments completed", 195, 112, True),
               ("Feb-20", 40, 130, False), ("317", 100, 130, False), ("239", 186, 130, False),
               ("Mar-20", 40, 142, False), ("336", 100, 142, False), ("427", 186, 142, False)]
    found = read_pages([printed])
    assert {(1, "Feb-20", "2.1 Assessments started", "317"), (1, "Mar-20", "2.4 Assessments completed", "427")} <= found
    assert len(found) == 4
