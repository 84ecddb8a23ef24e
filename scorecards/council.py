"""The council scorecard: one council, one reporting period, every indicator on one page.

Modelled on the performance summary councils take to their boards: indicators
grouped by domain with their polarity, the last three periods and the year to
date, the direction of travel, RAG status beside the target, a 12-month trend
line, and the statistical-neighbour and England benchmarks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import polars as pl
from great_tables import GT, loc, style

from scorecards.records import ScorecardRow, scorecard_rows, trend_points
from scorecards.selection import (
    OTHER_DOMAIN,
    ScorecardKey,
    in_print_order,
    is_council_wide,
    one_per_indicator,
    rows_for,
)
from scorecards.sources import check_source_text, source_lines
from scorecards.style import (
    TABLE_ID,
    DASH,
    DIRECTION_COLOUR,
    FELL,
    LEVEL,
    MUTED_TEXT,
    NEUTRAL_COLOUR,
    RAG_FILL,
    RAG_LABEL,
    RAG_TEXT,
    ROSE,
    distinct_names,
    format_value,
    house_style,
    most_common,
    polarity_label,
    row_decimals,
    sparkline_options,
    usual_decimals,
)
from scorecards.trend import MONTHS, Series, TrendIndex

LEGEND = (
    f"Direction: {ROSE} rose, {FELL} fell, {LEVEL} unchanged since the previous period.",
    "Colour: green better, red worse, grey unchanged or information only.",
    f"RAG: status against the target beside it. {DASH} = not reported.",
    f"Trend: values reported in the last {MONTHS} months, the latest in orange.",
)


# How a row's kind of period is named beside the indicator, when it ends with the columns' period.
PERIOD_KIND_NOTE: dict[str, str] = {
    "rolling_12_months": "rolling 12 months",
    "financial_year_to_date": "year to date",
    "six_months": "6 months",
    "quarter": "quarter",
}


# The spaces keep great-tables' "<<" and ">>" (drop the span when there is no label) apart from the tags.
TREND_CELL = pl.Struct({"x": pl.List(pl.Float64), "y": pl.List(pl.Float64)})

PERIOD_UNDER_VALUE = (
    '{0}<< <br><span style="font-size: 85%; font-weight: normal; color: ' + MUTED_TEXT + ';">{1}</span> >>'
)


@dataclass(frozen=True)
class PeriodHeads:
    """The three period columns: labels and end date of the edition's main kind of period (most rows)."""

    two_ago: str
    previous: str
    latest: str
    kind: str | None
    end: date | None


def direction_glyph(row: ScorecardRow) -> str | None:
    """Which way the value moved: from the numbers, or from the direction and polarity if a value is missing."""
    if row.value is not None and row.previous_value is not None:
        if row.value > row.previous_value:
            return ROSE
        if row.value < row.previous_value:
            return FELL
        return LEVEL
    if row.direction == "same":
        return LEVEL
    if row.direction in ("better", "worse") and row.polarity in ("higher_is_better", "lower_is_better"):
        up = (row.direction == "better") == (row.polarity == "higher_is_better")
        return ROSE if up else FELL
    return None


def direction_text(row: ScorecardRow) -> str | None:
    """The arrow and its meaning, e.g. '▼ worse', so the cell reads in grey print as well as colour."""
    glyph = direction_glyph(row)
    if glyph is None:
        return None
    word = row.direction if row.direction in DIRECTION_COLOUR else None
    return f"{glyph} {word}" if word else glyph


def direction_colour(row: ScorecardRow) -> str:
    return DIRECTION_COLOUR.get(row.direction or "", NEUTRAL_COLOUR)


def main_kind(rows: Sequence[ScorecardRow]) -> str | None:
    """The kind of period most rows report; single months win a tie, being what boards read by."""
    counts = Counter(r.period_type for r in rows if r.period_type)
    if not counts:
        return None
    top = max(counts.values())
    tied = [kind for kind, n in counts.items() if n == top]
    return "month" if "month" in tied else tied[0]


def period_heads(rows: Sequence[ScorecardRow]) -> PeriodHeads:
    kind = main_kind(rows)
    main = [r for r in rows if r.period_type == kind] or list(rows)
    ends = [r.period_end for r in main if r.period_end is not None]
    return PeriodHeads(
        two_ago=most_common(r.period_2_label for r in main) or "Two periods ago",
        previous=most_common(r.previous_period_label for r in main) or "Previous period",
        latest=most_common(r.period_label for r in main) or "Latest period",
        kind=kind,
        end=max(set(ends), key=ends.count) if ends else None,
    )


def _same_periods(row: ScorecardRow, heads: PeriodHeads) -> bool:
    """Whether the row's three periods are the columns' (by label, or by kind and end date)."""
    if row.period_label == heads.latest:
        return True
    return row.period_end == heads.end and (row.period_type == heads.kind or row.period_type in PERIOD_KIND_NOTE)


def indicator_label(row: ScorecardRow, heads: PeriodHeads, name: str) -> str:
    """The indicator's name, with its kind of period where that differs from the columns' (rolling 12 months)."""
    if row.period_type != heads.kind and row.period_label != heads.latest and _same_periods(row, heads):
        note = PERIOD_KIND_NOTE.get(row.period_type or "")
        if note:
            return f"{name} ({note})"
    return name


def _benchmark(value: float | None, unit: str | None, places: int) -> str | None:
    """A benchmark with at least the row's decimals (10.0% beside 8.8%), more if it was printed with more."""
    return format_value(value, unit, decimals=row_decimals([value], unit, at_least=places))


def _when(value: float | None, label: str | None, own_periods: bool) -> str | None:
    """The period a value refers to, where it is not its column's (a term, a quarter)."""
    return label if own_periods and value is not None else None


def row_series(row: ScorecardRow, trend: TrendIndex) -> Series | None:
    """The row's sparkline: what the trend column draws, and so part of what its page is drawn from."""
    return trend.series(row.council, row.org_unit_code, row.indicator_code, row.period_end, row.period_type)


def _cell(series: Series | None) -> dict[str, list[float]] | None:
    return None if series is None else series.as_cell()


def _period_values(row: ScorecardRow) -> list[float | None]:
    return [row.value_2_periods_ago, row.previous_value, row.value, row.ytd_value]


def council_frame(rows: Sequence[ScorecardRow], trend: TrendIndex, heads: PeriodHeads) -> pl.DataFrame:
    """The table's cells as text (formatted by unit), the period of a cell not in its column's
    period (shown under it), and the series for the sparkline."""
    usual = {
        unit: usual_decimals([v for r in rows if r.unit == unit for v in _period_values(r)], unit)
        for unit in {r.unit for r in rows}
    }
    names = distinct_names((r.indicator_code, r.indicator_name, r.unit) for r in rows)
    records = []
    for r in rows:
        places = row_decimals(_period_values(r), r.unit, at_least=usual[r.unit])
        own_periods = not _same_periods(r, heads)

        def shown(value: float | None, r: ScorecardRow = r, places: int = places) -> str | None:
            return format_value(value, r.unit, decimals=places)

        records.append(
            {
                "domain": r.domain or OTHER_DOMAIN,
                "indicator": indicator_label(r, heads, names[r.indicator_code]),
                "good_is": polarity_label(r.polarity),
                "two_ago": shown(r.value_2_periods_ago),
                "previous": shown(r.previous_value),
                "latest": check_source_text(r) if r.quarantine_reason else format_value(r.value, r.unit, r.value_text, places),
                "ytd": shown(r.ytd_value),
                "dot": direction_text(r),
                "rag": RAG_LABEL.get(rag_of(r) or ""),
                "target": r.target_text,
                "trend": _cell(row_series(r, trend)),
                "sn": _benchmark(r.sn_average, r.unit, places),
                "england": _benchmark(r.england_average, r.unit, places),
                "two_ago_when": _when(r.value_2_periods_ago, r.period_2_label, own_periods),
                "previous_when": _when(r.previous_value, r.previous_period_label, own_periods),
                "latest_when": _when(r.value, r.period_label, own_periods),
            }
        )
    text = pl.Utf8
    schema = {
        "domain": text, "indicator": text, "good_is": text, "two_ago": text, "previous": text, "latest": text,
        "ytd": text, "dot": text, "rag": text, "target": text, "trend": TREND_CELL, "sn": text,
        "england": text, "two_ago_when": text, "previous_when": text, "latest_when": text,
    }  # fmt: skip
    return pl.DataFrame(records, schema=schema)


def rag_of(row: ScorecardRow) -> str | None:
    """The RAG status the mart computed from the targets, else the colour the report printed."""
    status = row.rag_status or row.printed_rag
    return status if status in RAG_FILL else None


def _rows_where(rows: Sequence[ScorecardRow], test: Callable[[ScorecardRow], bool]) -> list[int]:
    return [i for i, r in enumerate(rows) if test(r)]


def build_council_table(council: str, rows: Sequence[ScorecardRow], trend: TrendIndex) -> GT:
    """The great-tables scorecard of one council's council-wide rows of one edition, in print order."""
    rows = in_print_order(rows)
    heads = period_heads(rows)
    frame = council_frame(rows, trend, heads)
    gt = (
        GT(frame, rowname_col="indicator", groupname_col="domain", id=TABLE_ID)
        .tab_header(
            title=f"{council}: children's social care scorecard",
            subtitle=f"Reporting period {heads.latest} · {len(rows)} indicators",
        )
        .tab_stubhead("Indicator")
        .cols_label(
            good_is="Good is",
            two_ago=heads.two_ago,
            previous=heads.previous,
            latest=heads.latest,
            ytd="YTD",
            dot="Direction",
            rag="RAG",
            target="Target",
            trend=f"{MONTHS}-month trend",
            sn="Stat. neighbours",
            england="England",
        )
        .tab_spanner("Last three periods", ["two_ago", "previous", "latest", "ytd"])
        .tab_spanner("Status", ["dot", "rag", "target"])
        .tab_spanner("Benchmarks", ["sn", "england"])
        .cols_align("right", ["two_ago", "previous", "latest", "ytd", "sn", "england"])
        .cols_align("center", ["good_is", "dot", "rag", "trend"])
        .cols_align("left", ["target"])
        .cols_width({"indicator": "300px", "trend": "110px", "target": "140px"})
        .sub_missing(columns=[c for c in frame.columns if not c.endswith("_when")], missing_text=DASH)
        .tab_style(style.text(weight="bold"), loc.body(columns="latest"))
        .tab_style(style.text(whitespace="nowrap"), loc.column_labels(columns=["two_ago", "previous", "latest"]))
        .tab_style(style.text(whitespace="nowrap"), loc.body(columns=["dot"]))
    )
    # One nanoplot call per number of points, as the per-point options (the last point marked) must
    # match it; every plot spans the same 12 months (expand_x), whatever months it has values for.
    counts = [None if cell is None else len(cell["y"]) for cell in frame["trend"].to_list()]
    for length in sorted({n for n in counts if n is not None}):
        gt = gt.fmt_nanoplot(
            "trend",
            rows=[i for i, n in enumerate(counts) if n == length],
            plot_type="line",
            plot_height="2.2em",
            expand_x=[0, MONTHS - 1],
            options=sparkline_options(length),
        )
    for column in ("two_ago", "previous", "latest"):
        # The period under the value, small, where it is not the column's; great-tables escapes it.
        gt = gt.cols_merge([column, f"{column}_when"], pattern=PERIOD_UNDER_VALUE)
    for colour in sorted({direction_colour(r) for r in rows}):
        picked = _rows_where(rows, lambda r, c=colour: direction_colour(r) == c and direction_glyph(r) is not None)
        if picked:
            gt = gt.tab_style(style.text(color=colour, weight="bold"), loc.body(columns="dot", rows=picked))
    for status, fill in RAG_FILL.items():
        picked = _rows_where(rows, lambda r, s=status: rag_of(r) == s)
        if picked:
            gt = gt.tab_style(
                [style.fill(color=fill), style.text(color=RAG_TEXT[status], weight="bold")],
                loc.body(columns="rag", rows=picked),
            )
    gt = house_style(gt, spanners=["Last three periods", "Status", "Benchmarks"])
    for line in [*LEGEND, *source_lines(rows)]:
        gt = gt.tab_source_note(line)
    return gt


def council_scorecard(scorecard: pd.DataFrame, trend: pd.DataFrame, key: ScorecardKey) -> GT:
    """The council scorecard of one council and edition, from mart frames (see records.py for columns)."""
    rows = [r for r in rows_for(scorecard_rows(scorecard), key) if is_council_wide(r)]
    if not rows:
        raise ValueError(f"No council-wide rows for {key.council} in {key.edition}")
    return build_council_table(key.council, one_per_indicator(rows), TrendIndex.of(trend_points(trend)))
