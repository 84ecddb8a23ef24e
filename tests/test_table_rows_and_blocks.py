"""Where a table starts and ends, and which column a header beside an empty one heads,
read from text geometry alone (characters drawn in the test, no PDF needed)."""

from __future__ import annotations

from extract.cells import read_grid
from extract.colours import status_boxes
from extract.grid import colour_cells
from extract.lines import text_lines
from extract.text_grid import text_grids
from test_table_reading import chars_of, read_pages


def _read(chars: list[dict]) -> set[tuple[str, str, str]]:
    found = set()
    for grid in text_grids(text_lines(chars, 800.0, []), 1, 600.0):
        cells, _ = read_grid(grid, "t01", None)
        found |= {(c.row_label, c.column_label, c.text) for c in cells}
    return found


def test_first_rows_with_values_centred_beside_wrapped_labels_start_the_table():
    # `Achieving / target` with its `4` centred between the two lines: no line holds two
    # cells, yet the row is the table's first, not text above it.
    printed = [("Achieving", 40, 100), ("4", 120, 105), ("target", 40, 110),
               ("Missing", 40, 125), ("8", 120, 130), ("target", 40, 135),
               ("No Target", 40, 150), ("30", 116, 150), ("Total", 40, 162), ("42", 116, 162)]
    found = _read([c for text, x, top in printed for c in chars_of(text, x, top)])
    assert {("Achieving target", "", "4"), ("Missing target", "", "8"), ("No Target", "", "30"),
            ("Total", "", "42")} <= found
    assert len(found) == 4


def test_text_set_much_larger_after_a_gap_is_another_table():
    # A wide table fitted at 5 pt, then a summary box at 9 pt 15 pt below: closer than the
    # box's own block gap, but the change of size parts them, so the box's rows do not
    # fall into the table's columns and the table keeps its codes out of its labels.
    small = [("Code", 40, 100, True), ("Measure", 60, 100, True), ("2019", 200, 100, True), ("2020", 230, 100, True)]
    for i, (code, name, a, b) in enumerate((("A 1", "Referrals", "12", "30"), ("A 2", "Visits", "14", "31"),
                                            ("A 3", "Reviews", "9", "7"))):
        small += [(code, 40, 110 + 8 * i, False), (name, 60, 110 + 8 * i, False), (a, 200, 110 + 8 * i, False),
                  (b, 230, 110 + 8 * i, False)]
    large = [("Trend", 40, 149, True), ("Better than before", 40, 164, False), ("11", 200, 164, False),
             ("Worse than before", 40, 179, False), ("12", 200, 179, False)]
    chars = [c for text, x, top, bold in small for c in chars_of(text, x, top, bold, 5.0)]
    chars += [c for text, x, top, bold in large for c in chars_of(text, x, top, bold, 9.0)]
    found = _read(chars)
    assert {("Referrals", "2019", "12"), ("Reviews", "2020", "7"), ("Better than before", "", "11"),
            ("Worse than before", "", "12")} <= found
    assert not any(label.startswith("A ") for label, _, _ in found)


def test_header_beside_a_wrapped_header_heads_an_empty_column():
    # `Fostering & Adoption` wrapped over its figures, `YOT` printed beside its middle line
    # over a column with no figures on this page: `YOT` heads that empty column, not the
    # figures of `Fostering & Adoption`.
    printed = [("Area", 40, 100, True), ("SIA", 100, 100, True), ("Fostering", 140, 95, True), ("&", 156, 104, True),
               ("YOT", 190, 104, True), ("Adoption", 142, 113, True), ("Total", 230, 104, True)]
    for top, label, sia, fostering, total in ((130, "CIN Rate", "0.1", "0.0", "79.2"), (142, "CP Rate", "3", "0", "41")):
        printed += [(label, 40, top, False), (sia, 100, top, False), (fostering, 172 - 4 * len(fostering), top, False),
                    (total, 230, top, False)]
    found = read_pages([printed])
    assert {(1, "CIN Rate", "Fostering & Adoption", "0.0"), (1, "CP Rate", "Fostering & Adoption", "0"),
            (1, "CP Rate", "Total", "41")} <= found
    assert not any("YOT" in column for _, _, column, _ in found)


def test_labels_all_wrapped_round_their_figures_make_the_label_column():
    # Every row's label wraps over two lines with its figures centred between them, so no
    # line of figures prints a word: the lines beside them still make the label column.
    printed = [("Preston", 120, 100, True), ("Lancaster", 170, 100, True)]
    for top, first, second, a, b in ((115, "Care Leavers in", "Suitable Acc.", "95%", "90%"),
                                     (137, "Care Leavers in", "EET", "53%", "40%"),
                                     (159, "Care Leavers with a", "Pathway Plan", "99%", "97%")):
        printed += [(first, 40, top, False), (a, 124, top + 4, False), (b, 178, top + 4, False), (second, 40, top + 8, False)]
    found = read_pages([printed])
    assert {(1, "Care Leavers in Suitable Acc.", "Preston", "95%"), (1, "Care Leavers in EET", "Lancaster", "40%"),
            (1, "Care Leavers with a Pathway Plan", "Preston", "99%")} <= found
    assert len(found) == 6


def _fill(x0: float, top: float, x1: float, bottom: float, colour: tuple[float, ...]) -> dict:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "fill": True, "non_stroking_color": colour}


def test_a_status_column_printed_as_fills_alone_is_a_column_of_its_own():
    # `Status` heads a column of red, green and amber fills with no text and no rules: each
    # row's status is read from its own fill, under its own header, not lost or given to `Target`.
    printed = [("Measure", 40, 100, True), ("2020", 120, 100, True), ("Target", 160, 100, True), ("Status", 202, 100, True)]
    rows = (("Referrals", "12", "10"), ("Visits", "14", "15"), ("Reviews", "9", "9"))
    for i, (label, value, target) in enumerate(rows):
        printed += [(label, 40, 114 + 12 * i, False), (value, 120, 114 + 12 * i, False), (target, 160, 114 + 12 * i, False)]
    chars = [c for text, x, top, bold in printed for c in chars_of(text, x, top, bold)]
    colours = ((0.86, 0.0, 0.0), (0.0, 0.62, 0.0), (1.0, 0.75, 0.0))
    rects = [_fill(200, 113 + 12 * i, 226, 123 + 12 * i, colour) for i, colour in enumerate(colours)]
    grids = text_grids(text_lines(chars, 800.0, []), 1, 600.0, status_boxes(rects))
    colour_cells(grids[0], rects)
    cells, _ = read_grid(grids[0], "t01", None)
    assert {(c.row_label, c.column_label, c.fill) for c in cells if c.fill} == {
        ("Referrals", "Status", "red"), ("Visits", "Status", "green"), ("Reviews", "Status", "amber")}
    assert {(c.row_label, c.column_label, c.text) for c in cells if c.text} >= {("Visits", "Target", "15"), ("Reviews", "2020", "9")}
