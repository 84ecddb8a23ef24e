"""The value parser: printed formats parse to the right numbers, and no text makes it raise."""

from hypothesis import given, strategies as st

from extract.values import parse_value, unit_from_context, without_footnote_mark


@given(st.text())
def test_never_raises_on_any_text(text):
    parsed = parse_value(text)
    assert parsed.unit in {"percent", "count", "rate_per_10k", "days", "weeks", "text", "unknown"}


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_n_of_m_round_trips(numerator, denominator):
    parsed = parse_value(f"{numerator} of {denominator}")
    assert (parsed.numerator, parsed.denominator, parsed.value) == (numerator, denominator, None)


@given(st.integers(0, 10**7))
def test_thousands_separators(number):
    assert parse_value(f"{number:,}").value == number


@given(st.decimals(min_value=0, max_value=100, places=1))
def test_percentages(value):
    parsed = parse_value(f"{value}%")
    assert parsed.value == float(value) and parsed.unit == "percent"


def test_printed_formats():
    cases = {
        "972 of 1666": (None, 972, 1666, None, None, "count"),
        "118 of 194 60.8%": (60.8, 118, 194, None, None, "percent"),
        "of 299": (299, None, 299, None, None, "count"),
        "2.71% (7)": (2.71, None, None, 7, None, "percent"),
        "12.3% (2017)": (12.3, None, None, None, "2017", "percent"),
        "407 days": (407, None, None, None, None, "days"),
        "26,618": (26618, None, None, None, None, "unknown"),
        "17.3 %": (17.3, None, None, None, None, "percent"),
        "-3.5": (-3.5, None, None, None, None, "unknown"),
    }
    for text, expected in cases.items():
        p = parse_value(text)
        assert (p.value, p.numerator, p.denominator, p.bracket_count, p.vintage, p.unit) == expected, text


def test_placeholders_and_thresholds_stay_text():
    for text in ["-", "n/a", "tbc", "Supressed due to low numbers", "<92%", "92%>", "95%+", "+/-5 of 158.8", "14-20", "↑", ""]:
        p = parse_value(text)
        assert p.value is None and p.numerator is None, text


def test_unit_from_row_or_column_wording():
    bare = parse_value("142.4")
    assert unit_from_context(bare, "CLA Rate (per 10,000)") == "rate_per_10k"
    assert unit_from_context(bare, "% Contacts Within 1 working Day") == "percent"
    assert unit_from_context(bare, "Number of adoptions") == "count"


def test_footnote_marker_glued_to_a_figure_is_not_the_value():
    """As the reader parses a cell: its marker taken off first."""
    cases = {
        "97¹": (97, "unknown"), "4%*": (4, "percent"), "12.3²": (12.3, "unknown"), "45%†": (45, "percent"),
        "1,204 (r)": (1204, "unknown"), "88.5% [p]": (88.5, "percent"), "972 of 1666‡": (None, "count"),
    }
    for text, (value, unit) in cases.items():
        p = parse_value(without_footnote_mark(text))
        assert (p.value, p.unit) == (value, unit), text
    assert parse_value(without_footnote_mark("972 of 1666‡")).denominator == 1666
    assert without_footnote_mark("(r)") == "(r)"
    assert parse_value(without_footnote_mark("2.71% (7)")).bracket_count == 7  # a count, not a marker
