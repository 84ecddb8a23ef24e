"""The scorecards: values, arrows and fills a reader checks against the PDF, escaping, and PNG output.

The frames in scorecard_frames.py carry numbers read by eye from the Rotherham
December 2020 report (pages 2-3, 8, 22) and Lancashire's Annex A (page 1).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from scorecards import inputs, render
from scorecards.benchmark import benchmark_scorecard, rank_councils
from scorecards.browser import Browser, find_browser, write_wrapper
from scorecards.council import council_scorecard
from scorecards.export import html_page
from scorecards.inputs import INPUTS_META, page_inputs
from scorecards.org_unit import org_unit_scorecard
from scorecards.png import PngResult, PngWriter, png_size
from scorecards.records import TrendPoint, scorecard_rows, trend_points
from scorecards.render import render_council_scorecards, slug
from scorecards.selection import ScorecardKey, scorecard_keys
from scorecards.sources import page_ranges
from scorecards.style import DASH, DIRECTION_COLOUR, RAG_FILL, format_value
from scorecards.trend import TrendIndex, months_ending
from tests.scorecard_frames import (
    ANNEX_A_DOC,
    ASSESSMENTS_45_DAYS,
    CIN_RATE,
    ICPC_15_DAYS,
    RE_REFERRALS,
    ROTHERHAM_DOC,
    S47_RATE,
    S47_STARTED,
    lancashire_annex_a,
    rotherham_december_2020,
    rotherham_monthly_2020,
    scorecard_row,
)
from tests.scorecard_html import hex_rgb, read_table

RE_REFERRAL_ROW = f"{RE_REFERRALS} (rolling 12 months)"
S47_RATE_ROW = f"{S47_RATE} (rolling 12 months)"
ROTHERHAM_DEC_20 = ScorecardKey("Rotherham", ROTHERHAM_DOC)
LANCASHIRE_ANNEX_A = ScorecardKey("Lancashire", ANNEX_A_DOC)


@pytest.fixture(scope="module")
def rotherham_html() -> str:
    return council_scorecard(rotherham_december_2020(), rotherham_monthly_2020(), ROTHERHAM_DEC_20).as_raw_html()


# --- council scorecard: Rotherham, December 2020 ------------------------------------------


def test_council_scorecard_prints_the_last_three_months_as_the_report_does(rotherham_html: str) -> None:
    table = read_table(rotherham_html)
    months = ("Oct 2020", "Nov 2020", "Dec 2020", "YTD")
    assert [label for label in table.column_labels if label in months] == list(months)
    # A rolling-12-month rate under the month columns says so beside its name.
    re_referrals = table.row(RE_REFERRAL_ROW).cells
    assert [re_referrals[c].text for c in ("two_ago", "previous", "latest")] == ["19.4%", "19.3%", "18.8%"]
    assert (re_referrals["sn"].text, re_referrals["england"].text) == ("21.6%", "22.6%")
    icpc = table.row(ICPC_15_DAYS).cells
    # 46.0 and 40.0 keep their decimal beside 38.1, as page 3 prints them.
    assert [icpc[c].text for c in ("two_ago", "previous", "latest", "ytd")] == ["46.0%", "40.0%", "38.1%", "45.6%"]
    assert (icpc["sn"].text, icpc["england"].text) == ("78.5%", "78.7%")
    assert table.row(S47_STARTED).cells["ytd"].text == "1,582"
    assert table.row(S47_RATE_ROW).cells["sn"].text == "238.38"


def test_direction_arrow_shows_the_movement_and_is_coloured_by_polarity(rotherham_html: str) -> None:
    table = read_table(rotherham_html)
    # Re-referrals fell 19.3% -> 18.8%, and lower is better: a green down arrow.
    falling_good = table.row(RE_REFERRAL_ROW).cells["dot"]
    assert falling_good.text == "▼ better"
    assert falling_good.css("color") == DIRECTION_COLOUR["better"].lower()
    # ICPCs in 15 days fell 40.0% -> 38.1%, and higher is better: a red down arrow.
    falling_bad = table.row(ICPC_15_DAYS).cells["dot"]
    assert falling_bad.text == "▼ worse"
    assert falling_bad.css("color") == DIRECTION_COLOUR["worse"].lower()
    # S47 rate 368.6 -> 368.6: no movement, grey.
    level = table.row(S47_RATE_ROW).cells["dot"]
    assert level.text == "▶ same"
    assert level.css("color") == DIRECTION_COLOUR["same"].lower()
    # S47s started 159 -> 140, information only: the arrow without a verdict, grey.
    info = table.row(S47_STARTED).cells["dot"]
    assert info.text == "▼"
    assert info.css("color") == DIRECTION_COLOUR["same"].lower()


def test_rag_is_a_cell_fill_with_the_target_beside_it(rotherham_html: str) -> None:
    table = read_table(rotherham_html)
    green = table.row(RE_REFERRAL_ROW).cells
    assert green["rag"].text == "Green"
    assert green["rag"].css("background-color") == RAG_FILL["green"].lower()
    assert green["target"].text == "23%<"
    red = table.row(ICPC_15_DAYS).cells
    assert red["rag"].text == "Red"
    assert red["rag"].css("background-color") == RAG_FILL["red"].lower()
    assert red["target"].text == "90%+"
    unrated = table.row(S47_STARTED).cells["rag"]
    assert unrated.text == DASH and unrated.css("background-color") is None


def test_rag_falls_back_to_the_colour_the_report_printed() -> None:
    frame = rotherham_december_2020()
    frame.loc[3, ["rag_status", "printed_rag"]] = [None, "amber"]
    html = council_scorecard(frame, rotherham_monthly_2020(), ROTHERHAM_DEC_20).as_raw_html()
    rag = read_table(html).row(ICPC_15_DAYS).cells["rag"]
    assert rag.text == "Amber" and rag.css("background-color") == RAG_FILL["amber"].lower()


def test_missing_values_show_as_a_dash_never_zero(rotherham_html: str) -> None:
    s47 = read_table(rotherham_html).row(S47_STARTED).cells
    for column in ("sn", "england", "target", "trend"):
        assert s47[column].text == DASH, column
    assert read_table(rotherham_html).row(RE_REFERRAL_ROW).cells["ytd"].text == DASH
    assert format_value(None, "percent") is None
    assert format_value(0.0, "percent") == "0%"


def test_sparkline_drawn_where_the_months_were_reported(rotherham_html: str) -> None:
    table = read_table(rotherham_html)
    assert table.row(ICPC_15_DAYS).cells["trend"].has_svg
    assert table.row(RE_REFERRAL_ROW).cells["trend"].has_svg
    assert not table.row(S47_STARTED).cells["trend"].has_svg


def test_domains_group_the_indicators_and_sources_name_document_and_pages(rotherham_html: str) -> None:
    assert "Child protection" in rotherham_html and "Section 47 enquiries" in rotherham_html
    notes = read_table(rotherham_html).source_notes
    assert "Source: rotherham_monthly__2020-12__dev.pdf, pages 2–3." in notes


def test_twelve_month_series_places_each_value_at_its_month() -> None:
    assert months_ending(date(2020, 12, 31))[0] == (2020, 1)
    assert months_ending(date(2021, 2, 28))[:2] == [(2020, 3), (2020, 4)]
    trend = rotherham_monthly_2020()
    trend = trend[trend["period_end"] != date(2020, 6, 30)]  # a month the report did not print
    index = TrendIndex.of(trend_points(trend))
    icpc = index.series("Rotherham", "rotherham", "icpc_within_15_days_pct", date(2020, 12, 31), "month")
    assert icpc is not None
    assert icpc.months == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]  # June (5) is missing, not squeezed out
    assert (icpc.values[0], icpc.values[-1]) == (50.8, 38.1)  # Jan-20 and Dec-20, page 22
    # The rolling rate's line is drawn from its rolling values, not from single months.
    rolling = index.series("Rotherham", "rotherham", "re_referrals_within_12_months_pct", date(2020, 12, 31),
                           "rolling_12_months")  # fmt: skip
    assert rolling is not None and (rolling.values[0], rolling.values[-1]) == (21.5, 18.8)
    assert index.series("Rotherham", "rotherham", "re_referrals_within_12_months_pct", date(2020, 12, 31)) is None
    # A year-to-date figure printed once a quarter keeps its spacing: June and September.
    quarterly = TrendIndex.of(
        [TrendPoint("NE", "ne", "referrals_rate_per_10k", date(2017, 6, 30), 120.0, "financial_year_to_date"),
         TrendPoint("NE", "ne", "referrals_rate_per_10k", date(2017, 9, 30), 255.0, "financial_year_to_date")]
    )  # fmt: skip
    series = quarterly.series("NE", "ne", "referrals_rate_per_10k", date(2017, 9, 30), "financial_year_to_date")
    assert series is not None and (series.months, series.values) == ([8, 11], [120.0, 255.0])


# --- labels from PDFs are text, not markup ------------------------------------------------


def test_labels_from_pdfs_are_escaped() -> None:
    hostile = "<script>alert('x')</script> & <b>Co</b>"
    frame = rotherham_december_2020()
    frame.loc[0, "indicator_name"] = hostile
    frame.loc[0, "target_text"] = "<i>23%</i> & under"
    frame.loc[0, "domain"] = "Contacts <em>&</em> referrals"
    frame.loc[:, "source_document"] = "report <img src=x>.pdf"
    frame.loc[1, ["unit", "value", "value_text"]] = ["text", None, "<b>Good</b> & improving"]
    key = ScorecardKey("Rotherham", "report <img src=x>.pdf")
    html = council_scorecard(frame, rotherham_monthly_2020(), key).as_raw_html()
    for markup in ("<script>", "<img", "<em>", "<i>23", "<b>Good"):
        assert markup not in html, markup
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in html or (
        "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in html
    )
    table = read_table(html)
    row = table.row(f"{hostile} (rolling 12 months)")  # read back as exactly the text printed
    assert row.cells["target"].text == "<i>23%</i> & under"
    assert table.row(S47_STARTED).cells["latest"].text == "<b>Good</b> & improving"
    assert "Source: report <img src=x>.pdf, pages 2–3." in table.source_notes


def test_org_unit_and_council_names_are_escaped_in_the_grid_and_benchmark() -> None:
    frame = lancashire_annex_a()
    frame.loc[frame["org_unit_code"] == "lancashire_pendle", "org_unit_name"] = "Pendle <script>x</script> & Co"
    html = org_unit_scorecard(frame, LANCASHIRE_ANNEX_A).as_raw_html()
    assert "<script>" not in html
    assert "Pendle <script>x</script> & Co" in read_table(html).label_of.values()
    bench = rotherham_december_2020()
    bench["council"] = "Rother<ham> & Co"
    html = benchmark_scorecard(bench, "re_referrals_within_12_months_pct").as_raw_html()
    assert "Rother<ham>" not in html
    assert read_table(html).rows[0].cells["council"].text == "Rother<ham> & Co"


# --- benchmark scorecard ------------------------------------------------------------------


def _two_councils() -> pd.DataFrame:
    rotherham = rotherham_december_2020()
    other = rotherham.copy()
    other["council"] = "Lancashire"
    other["org_unit_code"] = "lancashire"
    other["org_unit_name"] = "Lancashire"
    other["council_org_unit_code"] = "lancashire"
    other["period_key"], other["period_label"], other["period_end"] = "month:2020-07", "Jul 2020", date(2020, 7, 31)
    other["value"] = [25.0, 120.0, 50.0, 91.0]
    other["regional_average"] = [21.0, None, None, 80.0]
    other["source_document"] = "lancashire_cpb_pack__2020-09-10__dev.pdf"
    older = rotherham.copy()  # Rotherham's November edition: not its latest value
    older["period_key"], older["period_label"], older["period_end"] = "month:2020-11", "Nov 2020", date(2020, 11, 30)
    older["source_document"] = "rotherham_monthly__2020-11__dev.pdf"
    older["value"] = older["previous_value"]
    return pd.concat([rotherham, other, older], ignore_index=True)


def test_benchmark_ranks_each_councils_latest_value_by_polarity() -> None:
    table = read_table(benchmark_scorecard(_two_councils(), "re_referrals_within_12_months_pct").as_raw_html())
    # Lower is better: Rotherham's 18.8% (Dec 2020) ranks above Lancashire's 25.0% (Jul 2020).
    shown = [tuple(r.cells[c].text for c in ("rank", "council", "period", "value")) for r in table.rows]
    assert shown == [("1", "Rotherham", "12 months to Dec 2020", "18.8%"), ("2", "Lancashire", "Jul 2020", "25.0%")]
    rotherham, lancashire = table.rows
    assert (rotherham.cells["sn"].text, rotherham.cells["england"].text) == ("21.6%", "22.6%")
    assert rotherham.cells["regional"].text == DASH and lancashire.cells["regional"].text == "21.0%"
    assert rotherham.cells["vs_england"].text == "-3.8 pts"
    assert rotherham.cells["vs_england"].css("color") == DIRECTION_COLOUR["better"].lower()
    assert lancashire.cells["vs_england"].css("color") == DIRECTION_COLOUR["worse"].lower()

    icpc = read_table(benchmark_scorecard(_two_councils(), "icpc_within_15_days_pct").as_raw_html())
    # Higher is better: Lancashire's 91.0% first.
    assert [r.cells["council"].text for r in icpc.rows] == ["Lancashire", "Rotherham"]


def test_information_only_indicators_are_listed_not_ranked() -> None:
    html = benchmark_scorecard(_two_councils(), "s47_started_count").as_raw_html()
    table = read_table(html)
    assert [(r.cells["rank"].text, r.cells["council"].text) for r in table.rows] == [
        (DASH, "Rotherham"),
        (DASH, "Lancashire"),
    ]
    assert "Information only: listed by value, not ranked." in table.source_notes


def test_equal_values_share_a_rank() -> None:
    rows = scorecard_rows(
        pd.DataFrame(
            [scorecard_row(council=c, indicator_code="x", indicator_name="x", period_key="p", value=v)
             for c, v in (("A", 90.0), ("B", 80.0), ("C", 90.0), ("D", 70.0))]
        )
    )  # fmt: skip
    ranked = rank_councils(rows, "higher_is_better")
    assert [(r.rank, r.row.council) for r in ranked] == [(1, "A"), (1, "C"), (3, "B"), (4, "D")]


# --- org-unit scorecard: Lancashire Annex A -----------------------------------------------


def test_org_unit_grid_colours_each_row_by_polarity() -> None:
    table = read_table(org_unit_scorecard(lancashire_annex_a(), LANCASHIRE_ANNEX_A).as_raw_html())
    # Columns in the seed's order, districts under their areas, the council last: as Annex A prints them.
    units = ["Burnley", "Pendle", "Preston", "Chorley & South Ribble", "Lancashire"]
    assert [table.label_of[f"unit_{i}"] for i in range(5)] == units
    assert table.spanners == ["CSC East", "CSC Central"]
    a45 = table.row(ASSESSMENTS_45_DAYS).cells
    assert [a45[f"unit_{i}"].text for i in range(5)] == ["85%", "85%", "96%", "98%", "93%"]
    red = hex_rgb(a45["unit_0"].css("background-color"))
    green = hex_rgb(a45["unit_3"].css("background-color"))
    assert red[0] > red[1], "Burnley's 85% is the worse end: red"
    assert green[1] > green[0], "Chorley & South Ribble's 98% is the better end: green"
    assert a45["unit_4"].css("background-color") is None, "the council-wide column is not coloured"
    cin = table.row(CIN_RATE).cells
    assert [cin[f"unit_{i}"].text for i in range(5)] == ["39.7", "71.5", "51.3", "45.4", "79.2"]
    blue = hex_rgb(cin["unit_1"].css("background-color"))
    assert blue[2] > blue[0], "information only: a blue scale, Pendle's 71.5 the darkest"
    assert sum(hex_rgb(cin["unit_1"].css("background-color"))) < sum(hex_rgb(cin["unit_0"].css("background-color")))


def test_org_unit_grid_puts_an_areas_own_figure_first_under_it_and_drops_council_only_rows() -> None:
    frame = lancashire_annex_a()
    area = frame[frame["org_unit_code"] == "lancashire_burnley"].assign(
        org_unit_code="lancashire_csc_east", org_unit_name="CSC East", parent_org_unit_name="Lancashire",
        org_unit_sort_order=210, value=[88.0, 55.0],
    )  # fmt: skip
    council_only = (
        frame[frame["org_unit_code"] == "lancashire"]
        .head(1)
        .assign(indicator_code="contacts_count", indicator_name="Contacts", unit="count", value=8823.0)
    )
    html = org_unit_scorecard(pd.concat([frame, area, council_only]), LANCASHIRE_ANNEX_A).as_raw_html()
    table = read_table(html)
    assert [table.label_of[f"unit_{i}"] for i in range(3)] == ["All", "Burnley", "Pendle"]
    assert table.spanners == ["CSC East", "CSC Central"]
    assert table.row(ASSESSMENTS_45_DAYS).cells["unit_0"].text == "88%"
    assert "Contacts" not in [r.stub for r in table.rows]


def test_org_unit_grid_shows_a_quarantined_value_as_check_source_with_its_printed_text() -> None:
    frame = lancashire_annex_a()
    burnley = (frame["org_unit_code"] == "lancashire_burnley") & (frame["unit"] == "percent")
    frame.loc[burnley, ["value", "value_text", "quarantine_reason"]] = [
        None, "8823", "8823 is outside 0 to 100 for a percent indicator"]
    html = org_unit_scorecard(frame, LANCASHIRE_ANNEX_A).as_raw_html()
    cells = read_table(html).row(ASSESSMENTS_45_DAYS).cells
    burnley_column = next(c for c, label in read_table(html).label_of.items() if label == "Burnley")
    assert cells[burnley_column].text == "check source: 8823"
    assert "8,823" not in html and "8823%" not in html


def test_org_unit_grid_turns_the_scale_round_when_lower_is_better() -> None:
    frame = lancashire_annex_a()
    frame.loc[frame["indicator_code"] == "assessments_within_45_days_last_month_pct", "polarity"] = "lower_is_better"
    a45 = read_table(org_unit_scorecard(frame, LANCASHIRE_ANNEX_A).as_raw_html()).row(ASSESSMENTS_45_DAYS).cells
    burnley, chorley = hex_rgb(a45["unit_0"].css("background-color")), hex_rgb(a45["unit_3"].css("background-color"))
    assert burnley[1] > burnley[0] and chorley[0] > chorley[1]


def test_org_unit_grid_shows_a_dash_for_a_district_that_did_not_report() -> None:
    frame = lancashire_annex_a()
    preston_cin = (frame["org_unit_code"] == "lancashire_preston") & (frame["indicator_code"] == "cin_rate_per_10k")
    frame.loc[preston_cin, "value"] = None
    cin = read_table(org_unit_scorecard(frame, LANCASHIRE_ANNEX_A).as_raw_html()).row(CIN_RATE).cells
    assert cin["unit_2"].text == DASH


# --- small pieces -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [(38.1, "percent", "38.1%"), (1680.0, "count", "1,680"), (612.3, "rate_per_10k", "612.3"),
     (238.38, "rate_per_10k", "238.38"), (407.0, "days", "407 days"), (None, "count", None)],
)  # fmt: skip
def test_values_are_formatted_as_printed(value: float | None, unit: str, shown: str | None) -> None:
    assert format_value(value, unit) == shown


def test_page_ranges_read_like_a_contents_list() -> None:
    assert page_ranges([4, 2, 3, 7, 9, 8, 12]) == "2–4, 7–9, 12"


def test_one_scorecard_per_council_and_period_with_council_wide_rows() -> None:
    rows = scorecard_rows(pd.concat([rotherham_december_2020(), lancashire_annex_a()]))
    assert scorecard_keys(rows) == [LANCASHIRE_ANNEX_A, ROTHERHAM_DEC_20]


# --- files: HTML always, PNG through the browser ------------------------------------------


def test_wrapper_starts_the_browser_headless_offline_and_unsandboxed_as_root(tmp_path: Path) -> None:
    browser = tmp_path / "chromium"
    script = write_wrapper(browser, tmp_path / "wrap", running_as_root=True).read_text()
    for switch in ("--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--no-first-run", "--user-data-dir="):  # fmt: skip
        assert switch in script
    assert script.rstrip().endswith('"$@"') and str(browser) in script
    assert "--no-sandbox" not in write_wrapper(browser, tmp_path / "user", running_as_root=False).read_text()


def test_without_a_browser_the_html_is_written_and_the_png_says_why(tmp_path: Path) -> None:
    rows = scorecard_rows(rotherham_december_2020())
    with PngWriter(Browser(None, "no Chromium or Chrome found (test)")) as png:
        done = render_council_scorecards(rows, [], tmp_path, png)
    assert len(done) == 1
    assert done[0].html_path == tmp_path / "scorecards" / "council" / "rotherham__rotherham-monthly-2020-12-dev.html"
    assert "18.8%" in done[0].html_path.read_text(encoding="utf-8")
    assert done[0].png.path is None and "no Chromium or Chrome found (test)" in (done[0].png.skipped or "")
    assert not list((tmp_path / "scorecards" / "council").glob("*.png"))


class CountingPngWriter(PngWriter):
    """Writes a 1×1 PNG header instead of starting a browser, and counts what it draws."""

    def __init__(self) -> None:
        super().__init__(Browser(None, "counting"))
        self.disabled, self.drawn = None, []

    def __enter__(self) -> "CountingPngWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def save(self, table_html: str, path: Path) -> PngResult:
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01")
        self.drawn.append(path.name)
        return PngResult(path, 1, 1)


@pytest.fixture
def council_tables_built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The councils whose scorecard table was built: the costly step an unchanged scorecard skips."""
    built: list[str] = []
    build = render.build_council_table

    def counting(council: str, *args: object):
        built.append(council)
        return build(council, *args)

    monkeypatch.setattr(render, "build_council_table", counting)
    return built


ROTHERHAM_PAGE = Path("scorecards", "council", "rotherham__rotherham-monthly-2020-12-dev.html")


def test_an_unchanged_scorecard_is_not_drawn_again_and_a_departed_one_is_removed(
    tmp_path: Path, council_tables_built: list[str]
) -> None:
    frame = pd.concat([rotherham_december_2020(), lancashire_annex_a()], ignore_index=True)
    rotherham = "rotherham__rotherham-monthly-2020-12-dev"
    lancashire = "lancashire__lancashire-annex-a-2020-09-01-dev"
    with CountingPngWriter() as first:
        render_council_scorecards(scorecard_rows(frame), [], tmp_path, first)
    assert sorted(first.drawn) == [f"{lancashire}.png", f"{rotherham}.png"]
    assert council_tables_built == ["Lancashire", "Rotherham"]

    with CountingPngWriter() as again:
        done = render_council_scorecards(scorecard_rows(frame), [], tmp_path, again)
    assert again.drawn == [] and [d.redrawn for d in done] == [False, False]
    assert council_tables_built == ["Lancashire", "Rotherham"], "same inputs: no table built"
    assert all(d.png.path is not None and d.png.path.exists() for d in done)
    assert [(d.png.width, d.png.height) for d in done] == [(1, 1), (1, 1)]  # read from the kept PNGs

    # a new load changes one of Rotherham's values and retires the Lancashire report
    changed = rotherham_december_2020()
    changed.loc[changed["value"] == changed["value"].dropna().iloc[0], "value"] += 1
    with CountingPngWriter() as later:
        done = render_council_scorecards(scorecard_rows(changed), [], tmp_path, later)
    assert later.drawn == [f"{rotherham}.png"] and [d.name for d in done] == [rotherham]
    assert council_tables_built[2:] == ["Rotherham"]
    assert sorted(p.name for p in (tmp_path / "scorecards" / "council").iterdir()) == [
        f"{rotherham}.html", f"{rotherham}.png",
    ]


def test_a_page_carries_the_fingerprint_of_its_inputs_and_is_the_same_for_the_same_rows(tmp_path: Path) -> None:
    rows = scorecard_rows(rotherham_december_2020())
    trend = trend_points(rotherham_monthly_2020())
    for folder in ("a", "b"):
        with CountingPngWriter() as png:
            render_council_scorecards(rows, trend, tmp_path / folder, png)
    page = (tmp_path / "a" / ROTHERHAM_PAGE).read_text(encoding="utf-8")
    assert page == (tmp_path / "b" / ROTHERHAM_PAGE).read_text(encoding="utf-8")
    fingerprint = page_inputs(tmp_path / "a" / ROTHERHAM_PAGE)
    assert fingerprint is not None and len(fingerprint) == 64
    assert f'<meta name="{INPUTS_META}" content="{fingerprint}"/>' in page.split("</head>")[0]


def test_a_changed_sparkline_point_redraws_the_scorecard_and_one_outside_its_twelve_months_does_not(
    tmp_path: Path, council_tables_built: list[str]
) -> None:
    rows = scorecard_rows(rotherham_december_2020())
    monthly = rotherham_monthly_2020()
    with CountingPngWriter() as png:
        render_council_scorecards(rows, trend_points(monthly), tmp_path, png)

    older = pd.DataFrame([{**monthly.iloc[-1].to_dict(), "period_end": date(2019, 6, 30), "value": 99.0}])
    with CountingPngWriter() as png:
        done = render_council_scorecards(rows, trend_points(pd.concat([monthly, older])), tmp_path, png)
    assert png.drawn == [] and not done[0].redrawn and len(council_tables_built) == 1

    changed = monthly.copy()
    changed.loc[changed.index[-1], "value"] += 5
    with CountingPngWriter() as png:
        done = render_council_scorecards(rows, trend_points(changed), tmp_path, png)
    assert len(png.drawn) == 1 and done[0].redrawn and len(council_tables_built) == 2


def test_new_code_rebuilds_the_tables_but_keeps_the_pictures_of_unchanged_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, council_tables_built: list[str]
) -> None:
    rows = scorecard_rows(rotherham_december_2020())
    with CountingPngWriter() as png:
        render_council_scorecards(rows, [], tmp_path, png)
    drawn_from = page_inputs(tmp_path / ROTHERHAM_PAGE)

    monkeypatch.setattr(inputs, "code_version", lambda: "the next version of the scorecards package")
    with CountingPngWriter() as png:
        done = render_council_scorecards(rows, [], tmp_path, png)
    assert council_tables_built == ["Rotherham", "Rotherham"], "another code version: the table is built again"
    assert png.drawn == [] and not done[0].redrawn, "the same table: its picture is kept"
    assert page_inputs(tmp_path / ROTHERHAM_PAGE) not in (None, drawn_from), "the page says what it was drawn from"

    with CountingPngWriter() as png:
        render_council_scorecards(rows, [], tmp_path, png)
    assert len(council_tables_built) == 2 and png.drawn == []


def test_with_pngs_off_an_unchanged_page_is_kept_and_its_png_drawn_once_they_are_on(
    tmp_path: Path, council_tables_built: list[str]
) -> None:
    rows = scorecard_rows(rotherham_december_2020())
    with PngWriter(Browser(None, "HTML only (test)")) as png:
        render_council_scorecards(rows, [], tmp_path, png)
        done = render_council_scorecards(rows, [], tmp_path, png)
    assert council_tables_built == ["Rotherham"] and not done[0].redrawn
    assert done[0].png.path is None and "HTML only (test)" in (done[0].png.skipped or "")

    with CountingPngWriter() as png:
        done = render_council_scorecards(rows, [], tmp_path, png)
    assert len(council_tables_built) == 2 and len(png.drawn) == 1 and done[0].png.path is not None


def test_chrome_path_that_is_not_a_program_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CSC_SCORECARD_PNG", raising=False)
    monkeypatch.setenv("CHROME_PATH", str(tmp_path / "missing-chrome"))
    found = find_browser()
    assert found.path is None and "not an executable file" in found.reason
    monkeypatch.setenv("CSC_SCORECARD_PNG", "0")
    assert find_browser() == Browser(None, "CSC_SCORECARD_PNG=0 (HTML only)")


def _browser_or_skip() -> Browser:
    """The browser; a missing one fails the test unless PNGs were switched off on purpose."""
    browser = find_browser()
    if browser.path is None:
        if os.environ.get("CSC_SKIP_CHROMIUM") == "1" or os.environ.get("CSC_SCORECARD_PNG") == "0":
            pytest.skip(f"PNGs switched off: {browser.reason}")
        pytest.fail(f"No browser for PNGs ({browser.reason}); `make setup` installs Chromium, "
                    "or set CSC_SKIP_CHROMIUM=1 to skip")  # fmt: skip
    return browser


def test_png_of_the_council_scorecard_has_a_sensible_size_and_its_rag_fills(tmp_path: Path) -> None:
    browser = _browser_or_skip()
    gt = council_scorecard(rotherham_december_2020(), rotherham_monthly_2020(), ROTHERHAM_DEC_20)
    with PngWriter(browser) as png:
        result = png.save(gt.as_raw_html(), tmp_path / "rotherham.png")
    assert result.skipped is None, result.skipped
    width, height = png_size(tmp_path / "rotherham.png")
    assert (result.width, result.height) == (width, height)
    # Four indicator rows, eleven columns, at twice CSS size: wide and legible, not a blank strip.
    assert 1600 <= width <= 4000 and 500 <= height <= 2500, (width, height)
    assert (tmp_path / "rotherham.png").stat().st_size > 30_000
    from PIL import Image

    with Image.open(tmp_path / "rotherham.png") as image:
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    for status in ("red", "green"):
        assert hex_rgb(RAG_FILL[status]) in colours, f"the {status} RAG fill is in the picture"


def test_one_tab_draws_a_table_wider_than_the_viewport_whole_and_the_next_one_as_if_alone(tmp_path: Path) -> None:
    from great_tables import GT

    browser = _browser_or_skip()
    wide = GT(pd.DataFrame({f"column {i}": ["a long cell that would wrap"] for i in range(12)})).as_raw_html()
    fluid = GT(pd.DataFrame({"a": [1], "b": [2]})).tab_options(table_width="100%").as_raw_html()
    narrow = council_scorecard(rotherham_december_2020(), rotherham_monthly_2020(), ROTHERHAM_DEC_20).as_raw_html()
    with PngWriter(browser) as png:
        alone = png.save(narrow, tmp_path / "alone.png")
    with PngWriter(browser) as png:
        drawn = [png.save(html, tmp_path / f"{i}.png") for i, html in enumerate((narrow, wide, fluid, narrow))]
    assert all(d.skipped is None for d in drawn), [d.skipped for d in drawn]
    assert drawn[1].width > 2 * 2400 and drawn[1].height < 300, "laid out at its natural width: no column wraps"
    assert drawn[2].width == 2 * (1600 - 16 + 20), "a table as wide as the page allows, at any width: as wide"
    assert (drawn[0].width, drawn[0].height) == (drawn[3].width, drawn[3].height) == (alone.width, alone.height)
    assert (tmp_path / "3.png").read_bytes() == (tmp_path / "alone.png").read_bytes()


def test_html_page_is_standalone_utf8() -> None:
    gt = council_scorecard(rotherham_december_2020(), rotherham_monthly_2020(), ROTHERHAM_DEC_20)
    page = html_page(gt.as_raw_html(), "Rotherham <Dec-20>", "0" * 64)
    head = f'<meta name="{INPUTS_META}" content="{"0" * 64}"/>\n<title>Rotherham &lt;Dec-20&gt;</title>\n</head>'
    assert page == gt.as_raw_html(make_page=True).replace("</head>", head), "great-tables' page, titled, fingerprinted"
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert '<meta charset="utf-8"' in page.lower().replace("'", '"')
    assert "<title>Rotherham &lt;Dec-20&gt;</title>" in page
    assert slug("Chorley & South Ribble") == "chorley-south-ribble"


# --- the Dagster assets, on a warehouse holding the hand-made marts -----------------------


def _warehouse(path: Path) -> Path:
    """A warehouse holding only the two marts the scorecards read, from the hand-made frames."""
    scorecard = pd.concat([rotherham_december_2020(), lancashire_annex_a()], ignore_index=True)
    monthly = rotherham_monthly_2020().assign(period_type="month", is_latest=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA marts")
        con.register("s", scorecard)
        con.execute("CREATE TABLE marts.fct_scorecard AS SELECT * FROM s")
        con.register("v", monthly)
        con.execute("CREATE TABLE marts.fct_indicator_value AS SELECT * FROM v")
    return path


def test_assets_write_every_scorecard_and_describe_them(tmp_settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from dagster import materialize

    from orchestration.scorecard_assets import FCT_SCORECARD, scorecard_assets

    _warehouse(tmp_settings.warehouse_path)
    monkeypatch.delenv("CSC_SCORECARD_PNG", raising=False)
    monkeypatch.setenv("CHROME_PATH", str(Path(tmp_settings.output_dir) / "no-browser-here"))
    result = materialize(scorecard_assets, resources={"settings": tmp_settings})
    assert result.success
    out = tmp_settings.output_path / "scorecards"
    assert sorted(p.name for p in (out / "council").iterdir()) == [
        "lancashire__lancashire-annex-a-2020-09-01-dev.html",
        "rotherham__rotherham-monthly-2020-12-dev.html",
    ]
    assert (out / "org_unit" / "lancashire__lancashire-annex-a-2020-09-01-dev.html").exists()
    assert {p.stem for p in (out / "benchmark").glob("*.html")} == {
        "assessments-within-45-days-last-month-pct", "cin-rate-per-10k", "icpc-within-15-days-pct",
        "re-referrals-within-12-months-pct", "s47-rate-per-10k", "s47-started-count",
    }  # fmt: skip
    rotherham = (out / "council" / "rotherham__rotherham-monthly-2020-12-dev.html").read_text(encoding="utf-8")
    assert "18.8%" in rotherham and "<svg" in rotherham  # the sparkline came from the monthly marts
    for asset_def in scorecard_assets:
        assert FCT_SCORECARD in {dep for deps in asset_def.asset_deps.values() for dep in deps}
        materialization = result.asset_materializations_for_node(asset_def.op.name)[0]
        metadata = materialization.metadata
        assert metadata["scorecards"].value >= 1
        assert metadata["png_written"].value == 0
        assert "not an executable file" in metadata["png_skipped_because"].value
        assert Path(metadata["preview_html"].value).exists()
        assert "| scorecard | HTML | PNG |" in metadata["files"].value


def test_assets_render_pngs_and_preview_them_in_the_metadata(tmp_settings) -> None:
    from dagster import materialize

    from orchestration.scorecard_assets import council_scorecards, org_unit_scorecards

    _browser_or_skip()
    _warehouse(tmp_settings.warehouse_path)
    result = materialize([council_scorecards, org_unit_scorecards], resources={"settings": tmp_settings})
    assert result.success
    for name in ("council_scorecards", "org_unit_scorecards"):
        metadata = result.asset_materializations_for_node(name)[0].metadata
        assert metadata["png_written"].value == metadata["scorecards"].value >= 1
        png = Path(metadata["preview_png"].value)
        width, height = png_size(png)
        assert width >= 800 and height >= 300, (png, width, height)
        assert "](data:image/jpeg;base64," in metadata["preview"].value
        assert len(metadata["preview"].value) < 400_000, "the preview is kept small for the event log"


# --- the real pipeline: the Rotherham December 2020 PDF through extraction, dbt and the assets --


def test_scorecard_assets_hang_off_the_dbt_marts() -> None:
    from dagster import AssetKey

    from orchestration.definitions import build_definitions
    from orchestration.scorecard_assets import DIM_ORG_UNIT, FCT_INDICATOR_VALUE, FCT_SCORECARD
    from orchestration.settings import WarehouseSettings

    graph = build_definitions(WarehouseSettings.from_env()).resolve_asset_graph()
    for key in (FCT_SCORECARD, FCT_INDICATOR_VALUE, DIM_ORG_UNIT):
        assert graph.get(key).is_materializable, f"{key.to_user_string()} is not a dbt model of this project"
    for name in ("council_scorecards", "benchmark_scorecards", "org_unit_scorecards"):
        node = graph.get(AssetKey(name))
        assert FCT_SCORECARD in node.parent_keys and node.group_name == "scorecards"


@pytest.fixture(scope="module")
def rotherham_pipeline(tmp_path_factory: pytest.TempPathFactory):
    """Load the Rotherham December 2020 report as `make demo` does: extract, dbt build, scorecards (HTML only)."""
    from dagster import DagsterInstance

    from orchestration.definitions import build_definitions
    from orchestration.loading import load_paths
    from orchestration.settings import WarehouseSettings
    from tests.conftest import SAMPLE_REPORTS

    root = tmp_path_factory.mktemp("rotherham_pipeline")
    settings = WarehouseSettings(
        landing_dir=str(root / "landing"),
        warehouse=str(root / "warehouse" / "warehouse.duckdb"),
        output_dir=str(root / "output"),
    )
    saved = os.environ.get("CSC_SCORECARD_PNG")
    os.environ["CSC_SCORECARD_PNG"] = "0"  # PNGs have their own tests; this one is about values
    try:
        with DagsterInstance.ephemeral() as instance:
            report = load_paths(
                build_definitions(settings), instance, settings, [SAMPLE_REPORTS / ROTHERHAM_DOC], progress=False
            )
    finally:
        if saved is None:
            os.environ.pop("CSC_SCORECARD_PNG", None)
        else:
            os.environ["CSC_SCORECARD_PNG"] = saved
    assert report.success, f"loading the Rotherham report failed: {report}"
    return settings


def test_real_council_scorecard_matches_page_2_and_3_of_the_pdf(rotherham_pipeline) -> None:
    page = rotherham_pipeline.output_path / "scorecards" / "council" / "rotherham__rotherham-monthly-2020-12-dev.html"
    table = read_table(page.read_text(encoding="utf-8"))
    assert [label for label in table.column_labels if label.endswith("2020")] == ["Oct 2020", "Nov 2020", "Dec 2020"]
    # Page 2, row 1.8: 19.4% / 19.3% / 18.8%, lower is better, improving; SN 21.6%, national 22.6%.
    re_referrals = table.row(RE_REFERRAL_ROW).cells
    assert [re_referrals[c].text for c in ("two_ago", "previous", "latest")] == ["19.4%", "19.3%", "18.8%"]
    assert re_referrals["dot"].text == "▼ better"
    assert re_referrals["dot"].css("color") == DIRECTION_COLOUR["better"].lower()
    assert (re_referrals["sn"].text, re_referrals["england"].text) == ("21.6%", "22.6%")
    assert re_referrals["trend"].has_svg
    # Page 3, row 5.5: 46.0% / 40.0% / 38.1%, YTD 45.6%, higher is better, declining; SN 78.5%, national 78.7%.
    # The report prints the count (16) and the percentage under one heading: the page tells them apart.
    (icpc,) = [r.cells for r in table.rows if r.stub.startswith(ICPC_15_DAYS) and r.cells["latest"].text.endswith("%")]
    assert [icpc[c].text for c in ("two_ago", "previous", "latest", "ytd")] == ["46.0%", "40.0%", "38.1%", "45.6%"]
    assert icpc["dot"].text == "▼ worse"
    assert icpc["dot"].css("color") == DIRECTION_COLOUR["worse"].lower()
    assert (icpc["sn"].text, icpc["england"].text) == ("78.5%", "78.7%")
    assert icpc["trend"].has_svg
    # Printed red on page 3 (below the 85% red threshold): a red fill, target beside it.
    assert icpc["rag"].text == "Red" and icpc["rag"].css("background-color") == RAG_FILL["red"].lower()
    assert "90" in icpc["target"].text
    assert any(note.startswith("Source: rotherham_monthly__2020-12__dev.pdf, pages") for note in table.source_notes)


def test_real_benchmark_scorecard_names_the_period(rotherham_pipeline) -> None:
    page = rotherham_pipeline.output_path / "scorecards" / "benchmark" / "icpc-within-15-days-pct.html"
    (row,) = read_table(page.read_text(encoding="utf-8")).rows
    assert [row.cells[c].text for c in ("rank", "council", "period", "value", "england")] == [
        "1", "Rotherham", "Dec 2020", "38.1%", "78.7%",
    ]  # fmt: skip


def test_a_browser_that_will_not_start_skips_the_pngs_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken-chromium"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    broken.chmod(0o755)
    rows = scorecard_rows(pd.concat([rotherham_december_2020(), lancashire_annex_a()]))
    with PngWriter(Browser(broken, "test")) as png:
        done = render_council_scorecards(rows, [], tmp_path, png)
    assert [d.html_path.exists() for d in done] == [True, True]
    assert all(d.png.path is None for d in done)
    assert "exited unexpectedly" in (done[0].png.skipped or "")
    assert f"the browser {broken} would not start" in (done[1].png.skipped or "")  # not tried again
    assert not list(tmp_path.rglob("*.png"))
