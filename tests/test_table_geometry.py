"""Geometry that used to fool the reader: row labels wrapped round their values, header
cells set on staggered lines or over sparse columns, wrapped header lines that happen to
fall column by column, and continued pages whose rows are longer or emptier than before."""

from __future__ import annotations

from extract.cells import read_grid
from extract.lines import text_lines
from extract.regions import has_numbers
from extract.text_grid import text_grids
from test_table_reading import _centred, _right, chars_of, grid_of, mono, read_pages


def read_chars(chars: list[dict]) -> set[tuple[str, str, str]]:
    cells = []
    for grid in text_grids(text_lines(chars, 600.0, []), 1, 800.0):
        if has_numbers(grid):  # a data table, as the reader keeps it
            cells += read_grid(grid, "t01", None)[0]
    return {(c.row_label, c.column_label, c.text) for c in cells}


def test_row_label_wrapped_round_its_values_is_one_row():
    # Values centred on a two- and a three-line label sit on a line of their own between
    # the label's lines (`Rate per` / 85.9 91.0 / `10,000`): one row, labelled in full.
    chars = chars_of("Measure", 40, 90, True) + chars_of("Lancs", 160, 90, True) + chars_of("NW", 200, 90, True)
    chars += chars_of("Rate per", 40, 104) + chars_of("85.9", 160, 108) + chars_of("91.0", 200, 108)
    chars += chars_of("10,000", 40, 112)
    chars += chars_of("Children", 40, 128) + chars_of("seen within", 40, 136) + chars_of("64%", 160, 140)
    chars += chars_of("71%", 200, 140) + chars_of("ten days", 40, 144)
    assert read_chars(chars) == {
        ("Rate per 10,000", "Lancs", "85.9"), ("Rate per 10,000", "NW", "91.0"),
        ("Children seen within ten days", "Lancs", "64%"), ("Children seen within ten days", "NW", "71%"),
    }


def test_staggered_header_over_an_empty_column_heads_it_alone():
    # `Contacts` heads a column empty on this page; its line is set half a line below
    # `Referrals`, the header of the nearest column: it is no level of that header.
    chars = chars_of("Area", 40, 104, True) + _centred("Contacts", 140, 104, True)
    chars += _centred("Referrals", 206, 99, True) + _centred("Visits", 266, 99, True)
    for top, area, values in ((120, "North", ("12", "30")), (132, "South", ("14", "31"))):
        chars += chars_of(area, 40, top) + chars_of(values[0], 200, top) + chars_of(values[1], 260, top)
    assert read_chars(chars) == {("North", "Referrals", "12"), ("North", "Visits", "30"),
                                 ("South", "Referrals", "14"), ("South", "Visits", "31")}


def test_header_word_nearer_a_sparse_column_heads_it_and_the_next_word_its_own_column():
    # `Adopt` heads the narrow figures just right of it; `YOT`, over nothing, lies nearer
    # them than the next column but is further from them than `Adopt`: a column of its own.
    chars = chars_of("Area", 40, 100, True) + chars_of("Adopt", 130, 100, True) + chars_of("YOT", 172, 100, True)
    chars += chars_of("Total", 200, 100, True)
    for top, area, adopt, total in ((112, "Burnley", "7", "30"), (124, "Pendle", "4", "31")):
        chars += chars_of(area, 40, top) + chars_of(adopt, 156, top) + chars_of(total, 202, top)
    found = read_chars(chars)
    assert {("Burnley", "Adopt", "7"), ("Pendle", "Total", "31")} <= found
    assert not any("YOT" in column for _, column, _ in found)


def test_wrapped_fixed_pitch_header_falling_column_by_column_stays_one_cell():
    # `2.7 New Assessments` spans three columns; its next line `Step down to Early`, one
    # space apart in a fixed-pitch face, happens to put a word over each column: still the
    # same wrapped cell, heading all three.
    advance = 4.8
    chars = mono("Month", 40, 100, True) + mono("2.7 New Assessments", 143 - 9.5 * advance, 100, True)
    chars += mono("Step down to Early", 100, 110, True) + mono("Help", 143 - 2 * advance, 120, True)
    for top, month in ((134, "Jan-20"), (146, "Feb-20")):
        chars += mono(month, 40, top) + mono("96", 109.6 - advance, top) + mono("of 299", 140.8 - 3 * advance, top)
        chars += mono("32.1%", 174 - 2.5 * advance, top)
    found = read_chars(chars)
    assert {column for _, column, _ in found} == {"2.7 New Assessments Step down to Early Help"}
    assert ("Feb-20", "2.7 New Assessments Step down to Early Help", "32.1%") in found


def test_continued_row_label_longer_than_before_runs_over_the_columns_it_leaves_empty():
    first = [("Measure", 40, 100, True), ("2019", 160, 100, True), ("2020", 200, 100, True),
             ("Referrals", 40, 112, False), ("12", 160, 112, False), ("30", 200, 112, False),
             ("Contacts", 40, 124, False), ("14", 160, 124, False), ("31", 200, 124, False)]
    second = [("Time between care and placing", 40, 100, False), ("9", 200, 100, False),
              ("Visits", 40, 112, False), ("6", 160, 112, False), ("8", 200, 112, False),
              ("Reviews", 40, 124, False), ("5", 160, 124, False), ("7", 200, 124, False)]
    found = read_pages([first, second])
    assert {(2, "Time between care and placing", "2020", "9"), (2, "Visits", "2019", "6"),
            (2, "Reviews", "2020", "7")} <= found


def test_continued_page_opening_on_a_row_of_dashes_takes_the_tables_header():
    # `2020/21  -  -`: figures not yet in, a body row, not a header of the continuation.
    first = [("Year", 40, 100, True), ("4.1", 160, 100, True), ("4.2", 200, 100, True),
             ("Jan-20", 40, 112, False), ("12", 160, 112, False), ("30", 200, 112, False),
             ("Feb-20", 40, 124, False), ("14", 160, 124, False), ("31", 200, 124, False)]
    second = [("2020/21", 40, 100, False), ("-", 162, 100, False), ("-", 202, 100, False),
              ("2015/16", 40, 112, False), ("1430", 160, 112, False), ("2428", 200, 112, False),
              ("2016/17", 40, 124, False), ("1659", 160, 124, False), ("2740", 200, 124, False)]
    found = read_pages([first, second])
    assert {(2, "2020/21", "4.1", "-"), (2, "2015/16", "4.2", "2428"), (2, "2016/17", "4.1", "1659")} <= found


def test_continued_cell_merged_over_several_columns_keeps_the_tables_columns():
    # The next page leaves the `Target` column empty and sets `Suppressed: low numbers`
    # centred over April to June: still the table's rows, the note merged over those three.
    first = [("Area", 40, 100, True), ("Apr", 150, 100, True), ("May", 190, 100, True), ("Jun", 230, 100, True),
             ("Target", 270, 100, True)]
    for top, label, figures in ((112, "Referrals", ("12", "30", "41", "50")), (124, "Visits", ("5", "6", "7", "9"))):
        first += [(label, 40, top, False)] + [(f, 150 + 40 * i, top, False) for i, f in enumerate(figures)]
    second = [("Plans", 40, 100, False), ("3", 150, 100, False), ("4", 190, 100, False), ("5", 230, 100, False),
              ("Reviews", 40, 112, False), ("Suppressed: low numbers", 150, 112, False),
              ("Visits", 40, 124, False), ("8", 150, 124, False), ("2", 190, 124, False), ("1", 230, 124, False)]
    found = read_pages([first, second])
    assert {(2, "Plans", "Apr", "3"), (2, "Visits", "Jun", "1"),
            (2, "Reviews", "Apr | May | Jun", "Suppressed: low numbers")} <= found


def test_wrapped_header_ending_over_the_label_column_is_no_row_group():
    # The header cell's last line is wide enough to start over the row labels; centred under
    # its lines above, it ends the header rather than naming a group of rows.
    chars = chars_of("9.1", 115, 90, True) + chars_of("9.2", 195, 90, True)
    for i, text in enumerate(("Number of", "LAC in a", "placement (not", "relative/friend/other)")):
        chars += _centred(text, 121, 102 + 9 * i, True)
    chars += _centred("Carers", 201, 102, True)
    for top, month, values in ((150, "Mar-20", ("405", "147")), (162, "Apr-20", ("410", "150"))):
        chars += chars_of(month, 40, top) + chars_of(values[0], 115, top) + chars_of(values[1], 195, top)
    found = read_chars(chars)
    assert ("Mar-20", "9.1 > Number of LAC in a placement (not relative/friend/other)", "405") in found
    assert ("Apr-20", "9.2 > Carers", "150") in found


def test_group_header_centred_over_three_columns_heads_all_three():
    # `On-going Involvement` is centred over `147 | of 299 | 49.2%`, narrower than the middle
    # column's figures are apart from their neighbours: it heads the three, as `2.5` and
    # `New Assessments` above it do, not the middle column alone.
    chars = []
    for centre, code, name in ((139, "2.5", ("On-going", "Involvement")), (245, "2.6", ("No further", "action"))):
        chars += _centred(code, centre, 80, True) + _centred("New Assessments", centre, 92, True)
        chars += _centred(name[0], centre, 104, True) + _centred(name[1], centre, 112, True)
    for top, month, values in ((128, "Jan-20", ("147", "of 299", "49.2%", "56", "of 299", "18.7%")),
                               (140, "Feb-20", ("111", "of 239", "46.4%", "54", "of 239", "22.6%"))):
        chars += chars_of(month, 40, top)
        for left, text in zip((98, 124, 160, 204, 230, 266), values):
            chars += chars_of(text, left, top)
    found = read_chars(chars)
    assert ("Jan-20", "2.5 > New Assessments > On-going Involvement", "147") in found
    assert ("Feb-20", "2.5 > New Assessments > On-going Involvement", "46.4%") in found
    assert ("Feb-20", "2.6 > New Assessments > No further action", "of 239") in found


def test_one_row_of_footnoted_figures_under_its_header_is_a_table():
    # Every figure of the one row carries a footnote star (`87%*`): still figures, still a table.
    chars = chars_of("2019", 100, 90, True) + chars_of("2020", 140, 90, True)
    chars += chars_of("At 31st March", 40, 104) + chars_of("87%*", 100, 104) + chars_of("89%*", 140, 104)
    assert read_chars(chars) == {("At 31st March", "2019", "87%*"), ("At 31st March", "2020", "89%*")}


def test_figure_wrapped_in_a_narrow_column_keeps_its_unit():
    # `73.9` over `%`: the figure wrapped in its column, beside a label wrapped the same way.
    chars = chars_of("2015", 100, 90, True) + chars_of("2016", 140, 90, True)
    chars += chars_of("At 31st", 40, 104) + chars_of("73.9", 100, 104) + chars_of("85.6", 140, 104)
    chars += chars_of("March", 40, 113) + chars_of("%", 112, 113) + chars_of("%", 152, 113)
    assert read_chars(chars) == {("At 31st March", "2015", "73.9 %"), ("At 31st March", "2016", "85.6 %")}


def test_header_beside_a_wrapped_header_nearer_its_figures_heads_an_empty_column():
    # `Fostering & / Adoption` wraps round the line of `YOT`; neither lies over the narrow
    # figures right of `Fostering`, and `YOT`, over nothing, is nearest them too. The
    # wrapped header ends nearer them: it heads them, `YOT` a column empty on this page.
    chars = chars_of("Area", 40, 100, True) + chars_of("Fostering &", 120, 95, True)
    chars += chars_of("Adoption", 124, 105, True) + chars_of("YOT", 180, 100, True) + chars_of("Total", 210, 100, True)
    for top, area, adopt, total in ((120, "CIN Rate", "0", "30"), (132, "CP Rate", "5", "41")):
        chars += chars_of(area, 40, top) + chars_of(adopt, 168, top) + chars_of(total, 210, top)
    assert read_chars(chars) == {("CIN Rate", "Fostering & Adoption", "0"), ("CIN Rate", "Total", "30"),
                                 ("CP Rate", "Fostering & Adoption", "5"), ("CP Rate", "Total", "41")}


def test_header_over_no_figures_of_a_table_with_one_full_row_heads_an_empty_column():
    # Only the first row prints a figure in every column but `SIA`'s; the rows below print
    # one figure each. `SIA`, beside `MASH` on its line, heads a column empty on this page,
    # not `MASH`'s figures.
    chars = chars_of("MASH", 200, 96, True) + chars_of("SIA", 226, 96, True)
    chars += chars_of("Area", 40, 102, True) + chars_of("Burnley", 100, 102, True) + chars_of("Pendle", 134, 102, True)
    chars += chars_of("Hyde", 164, 102, True) + chars_of("Total", 256, 102, True)
    chars += chars_of("Section 20", 40, 116) + chars_of("5%", 100, 116) + chars_of("6%", 134, 116)
    chars += chars_of("7%", 164, 116) + chars_of("3%", 200, 116) + chars_of("9%", 256, 116)
    for top, label, value in ((128, "EET", "4%"), (140, "Contact", "6%")):
        chars += chars_of(label, 40, top) + chars_of(value, 200, top)
    assert read_chars(chars) == {
        ("Section 20", "Burnley", "5%"), ("Section 20", "Pendle", "6%"), ("Section 20", "Hyde", "7%"),
        ("Section 20", "MASH", "3%"), ("Section 20", "Total", "9%"), ("EET", "MASH", "4%"), ("Contact", "MASH", "6%")}


def test_wrapped_header_under_a_parent_beside_a_headed_column_heads_an_empty_column():
    # `Chorley / & South / Ribble`, under the parent `CSC Central` reaching over it and over
    # the figures beside it, prints no figures on this page; `West / Lancs`, staggered half
    # a line lower, heads those figures: the wrapped header heads an empty column.
    chars = chars_of("Area", 40, 84, True) + chars_of("CSC Central", 124, 66, True) + chars_of("Other", 210, 66, True)
    chars += chars_of("Chorley", 112, 79, True) + chars_of("& South", 112, 89, True) + chars_of("Ribble", 114, 99, True)
    chars += chars_of("West", 160, 84, True) + chars_of("Lancs", 158, 94, True) + chars_of("Total", 210, 84, True)
    for top, area, west, total in ((124, "CIN Rate", "95%", "30"), (136, "CP Rate", "53%", "41")):
        chars += chars_of(area, 40, top) + chars_of(west, 162, top) + chars_of(total, 210, top)
    assert read_chars(chars) == {
        ("CIN Rate", "CSC Central > West Lancs", "95%"), ("CP Rate", "CSC Central > West Lancs", "53%"),
        ("CIN Rate", "Other > Total", "30"), ("CP Rate", "Other > Total", "41")}


def test_value_wrapped_in_its_cell_with_the_row_centred_between_its_lines_is_one_row():
    # `429 of` / `446` wraps in a narrow cell; the row's one-line cells are centred between
    # its two lines and the label sits level with the first: one row, the value whole.
    chars = chars_of("Month", 40, 84, True) + chars_of("Reviewed", 140, 84, True) + chars_of("Visits", 200, 84, True)
    chars += chars_of("Rate", 260, 84, True)
    for top, month, reviewed, visits, rest, rate in ((100, "Jan-20", "97.9%", "429 of", "446", "96.2%"),
                                                     (124, "Feb-20", "96.7%", "423 of", "455", "93.0%")):
        chars += chars_of(month, 40, top) + chars_of(visits, 200, top)
        chars += chars_of(reviewed, 140, top + 4) + chars_of(rate, 260, top + 4)
        chars += chars_of(rest, 200, top + 8)
    assert read_chars(chars) == {
        ("Jan-20", "Reviewed", "97.9%"), ("Jan-20", "Visits", "429 of 446"), ("Jan-20", "Rate", "96.2%"),
        ("Feb-20", "Reviewed", "96.7%"), ("Feb-20", "Visits", "423 of 455"), ("Feb-20", "Rate", "93.0%"),
    }


def test_header_over_an_empty_column_beside_a_column_of_dashes_heads_it_under_one_full_row():
    # One row prints every column, the others only two; the header is set on two staggered
    # lines. `SIA`, over no values, lies nearer the dashes under `MASH` than any other
    # column, yet `MASH` heads those: `SIA` heads an empty column of its own, not `MASH SIA`.
    letters = [(chr(ord("A") + i), 100 + 30 * i) for i in range(8)]
    chars = chars_of("Area", 40, 94, True) + chars_of("MASH", 360, 84, True) + chars_of("SIA", 392, 84, True)
    chars += chars_of("Total", 440, 94, True)
    chars += [c for i, (text, x) in enumerate(letters) for c in chars_of(text, x, 84 + 10 * (i % 2), True)]
    chars += chars_of("Placements", 40, 110) + chars_of("-", 366, 110) + chars_of("5%", 444, 110)
    chars += [c for _, x in letters for c in chars_of("5%", x, 110)]
    for top, area in ((122, "Care EET"), (134, "Care Acc.")):
        chars += chars_of(area, 40, top) + chars_of("42%", 100, top) + chars_of("46%", 444, top)
    found = read_chars(chars)
    assert {("Placements", "MASH", "-"), ("Placements", "H", "5%"), ("Care EET", "Total", "46%")} <= found
    assert not any("SIA" in column for _, column, _ in found)


def test_header_centred_in_the_white_left_of_right_aligned_figures_heads_them():
    # `Fostering &` / `Adoption` is centred in the room its right-aligned figures leave to
    # their left; `YOT`, over no values, lies nearer those figures by middles but in the
    # room of `Total`'s: `YOT` heads an empty column, `Fostering & Adoption` the figures.
    chars = chars_of("Area", 40, 84, True) + _right("Seen", 150, 84) + _centred("Fostering &", 190, 84, True)
    chars += _centred("Adoption", 190, 93, True) + _centred("YOT", 255, 84, True) + _right("Total", 320, 84)
    for top, area, seen, adopted, total in ((108, "North", "30", "7", "112"), (120, "South", "141", "12", "96")):
        chars += chars_of(area, 40, top) + _right(seen, 150, top) + _right(adopted, 230, top) + _right(total, 320, top)
    found = read_chars(chars)
    assert {("North", "Fostering & Adoption", "7"), ("South", "Fostering & Adoption", "12"),
            ("North", "Total", "112"), ("South", "Seen", "141")} <= found
    assert not any("YOT" in column for _, column, _ in found)


def test_middle_line_of_a_centred_header_falling_flush_with_its_columns_stays_one_cell():
    # `CP plans` / `lasting 2 years` / `or more` is centred over a count and a percentage;
    # in a fixed-pitch face its middle line happens to end flush with both columns: still
    # the one wrapped cell, heading both.
    advance = 4.8
    chars = mono("Month", 40, 100, True)
    for top, text in ((100, "CP plans"), (110, "lasting 2 years"), (120, "or more")):
        chars += mono(text, 152.8 - len(text) * advance / 2, top, True)
    for top, month, count, share in ((134, "May-20", "0 of 36", "0.0%"), (146, "Jun-20", "14 of 57", "7%")):
        chars += mono(month, 40, top) + mono(count, 160 - len(count) * advance, top)
        chars += mono(share, 188.8 - len(share) * advance, top)
    header = "CP plans lasting 2 years or more"
    assert read_chars(chars) == {("May-20", header, "0 of 36"), ("May-20", header, "0.0%"),
                                 ("Jun-20", header, "14 of 57"), ("Jun-20", header, "7%")}


def test_stub_of_codes_and_labels_far_from_the_figures_is_no_table_of_its_own():
    # Codes and short labels, a white column wider than a river, then a column of words
    # (`High` / `Low`) and the figures: the codes are no figures, so the stub is the
    # rows' labels, on the page with the header and on the continuation without it.
    first = [("Measure", 60, 100, True), ("Good", 200, 100, True), ("2019", 230, 100, True), ("2020", 260, 100, True)]
    first += [("8.1", 40, 112, False), ("Stable", 60, 112, False), ("High", 200, 112, False),
              ("62%", 230, 112, False), ("66%", 260, 112, False),
              ("8.2", 40, 124, False), ("Moves", 60, 124, False), ("Low", 200, 124, False),
              ("7%", 230, 124, False), ("8%", 260, 124, False)]
    second = [("8.5", 40, 100, False), ("Commissioned", 60, 100, False), ("Low", 200, 100, False),
              ("51%", 230, 100, False), ("50%", 260, 100, False),
              ("9.1", 40, 112, False), ("Carers", 60, 112, False), ("High", 200, 112, False),
              ("147", 230, 112, False), ("149", 260, 112, False)]
    found = read_pages([first, second])
    assert {(1, "Stable", "2020", "66%"), (1, "Moves", "Good", "Low"), (2, "Commissioned", "2019", "51%"),
            (2, "Carers", "Good", "High"), (2, "Carers", "2020", "149")} <= found


def test_ruled_continuation_opening_on_a_row_of_dashes_keeps_the_tables_header():
    # `2020/21  -  -` atop a ruled continuation: figures not yet in, not words heading
    # the columns, so the page is read under the table's header.
    first = grid_of([["Year", "Referrals", "Contacts"], ["Jan-20", "12", "30"], ["Feb-20", "14", "31"]])
    _, layout = read_grid(first, "t01", None)
    second = grid_of([["2020/21", "-", "-"], ["2015/16", "1430", "2428"], ["2016/17", "1659", "2740"]])
    cells, _ = read_grid(second, "t01", layout)
    assert {("2020/21", "Referrals", "-"), ("2015/16", "Contacts", "2428"), ("2016/17", "Referrals", "1659")} <= {
        (c.row_label, c.column_label, c.text) for c in cells}


def test_header_centred_over_the_middle_of_three_value_columns_heads_all_three():
    # `Ongoing cases` is centred over `147 | of 299 | 49.2%` but no wider than the middle
    # column: widened by one column on either side alone it sits further off centre,
    # widened on both at once it is centred, so it heads all three.
    chars = []
    for shift, lines in ((0, ("Ongoing", "cases")), (76, ("Closed", "cases"))):
        for i, text in enumerate(lines):
            chars += _centred(text, 106 + shift, 80 + 8 * i, True)
    for top, month, values in ((100, "Jan-20", ("147", "of 299", "49.2%", "56", "of 299", "18.7%")),
                               (112, "Feb-20", ("93", "of 1239", "6.4%", "154", "of 1239", "22.6%"))):
        chars += chars_of(month, 40, top)
        for right, text in zip((84, 116, 140, 160, 192, 216), values):
            chars += _right(text, right, top)
    found = read_chars(chars)
    assert ("Jan-20", "Ongoing cases", "147") in found
    assert ("Feb-20", "Ongoing cases", "6.4%") in found
    assert ("Feb-20", "Closed cases", "154") in found
    assert ("Jan-20", "Closed cases", "18.7%") in found


def test_header_between_right_and_left_aligned_columns_heads_an_empty_column():
    # `YOT`, level with the `&` of `Fostering / & / Adoption` and over no values, lies wholly
    # right of the right-aligned figures under that header and wholly left of the
    # left-aligned ones under `Lancashire`: it can head neither, nor the label column (no
    # header over it), so it heads a column empty on this page.
    chars = _right("Seen", 150, 93) + _centred("Fostering", 204, 84, True)
    chars += _centred("&", 204, 93, True) + _centred("Adoption", 204, 102, True) + _centred("YOT", 240, 93, True)
    chars += chars_of("Lancashire", 262, 93, True)
    for top, area, seen, adopted, lancs in ((118, "North", "30", "70%", "92%"), (130, "South", "141", "100%", "89.5%")):
        chars += chars_of(area, 40, top) + _right(seen, 150, top) + _right(adopted, 214, top) + chars_of(lancs, 262, top)
    found = read_chars(chars)
    assert {("North", "Fostering & Adoption", "70%"), ("South", "Fostering & Adoption", "100%"),
            ("North", "Lancashire", "92%"), ("South", "Seen", "141")} <= found
    assert not any("YOT" in column for _, column, _ in found)
