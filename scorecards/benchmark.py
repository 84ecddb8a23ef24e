"""The benchmark scorecard: one canonical indicator, every council's latest value, ranked.

Councils report at different times, so each value carries the period it refers
to; the England, regional and statistical-neighbour averages are those each
council's own report printed beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import polars as pl
from great_tables import GT, loc, style

from scorecards.records import ScorecardRow, scorecard_rows
from scorecards.selection import latest_council_wide
from scorecards.sources import check_source_text, source_lines
from scorecards.style import (
    TABLE_ID,
    DASH,
    DIRECTION_COLOUR,
    RAG_FILL,
    RAG_LABEL,
    RAG_TEXT,
    format_value,
    house_style,
    most_common,
    polarity_label,
    row_decimals,
)

RANKED_POLARITIES = ("higher_is_better", "lower_is_better")
GAP_UNIT = {"percent": "pts", "days": "days"}  # a gap between percentages is in percentage points
# Fixed, so a long indicator name wraps in the title instead of stretching the columns apart.
TABLE_WIDTH = "960px"

ORDER_NOTE = {
    "higher_is_better": "Higher is better: ranked highest first.",
    "lower_is_better": "Lower is better: ranked lowest first.",
    "within_range": "Good performance is within a range: listed by value, not ranked.",
    "information_only": "Information only: listed by value, not ranked.",
}


@dataclass(frozen=True)
class RankedValue:
    """A council's latest value with its rank (None where the indicator has no better or worse)."""

    rank: int | None
    row: ScorecardRow


def rank_councils(rows: Sequence[ScorecardRow], polarity: str | None) -> list[RankedValue]:
    """Best first by polarity; equal values share a rank (1, 2, 2, 4). Unranked: largest value first.
    A row with no number (a quarantined value) is listed last, never ranked."""
    lower_first = polarity == "lower_is_better"
    numbered = [r for r in rows if r.value is not None]
    unnumbered = [RankedValue(None, r) for r in sorted(rows, key=lambda r: r.council) if r.value is None]
    ordered = sorted(numbered, key=lambda r: ((r.value if lower_first else -r.value), r.council))  # type: ignore[operator]
    if polarity not in RANKED_POLARITIES:
        return [*(RankedValue(None, r) for r in ordered), *unnumbered]
    ranked: list[RankedValue] = []
    for position, row in enumerate(ordered, start=1):
        tied = ranked and ranked[-1].row.value == row.value
        ranked.append(RankedValue(ranked[-1].rank if tied else position, row))
    return [*ranked, *unnumbered]


def versus_england(row: ScorecardRow, polarity: str | None) -> str | None:
    """'better' / 'worse' / 'same' than the England average, by polarity; None where it cannot be said."""
    if row.value is None or row.england_average is None or polarity not in RANKED_POLARITIES:
        return None
    if row.value == row.england_average:
        return "same"
    higher = row.value > row.england_average
    return "better" if higher == (polarity == "higher_is_better") else "worse"


def _gap(row: ScorecardRow, decimals: int) -> str | None:
    if row.value is None or row.england_average is None:
        return None
    gap = row.value - row.england_average
    shown = f"{gap:+,.{decimals}f}"
    return f"{shown} {GAP_UNIT[row.unit]}" if row.unit in GAP_UNIT else shown


def benchmark_frame(ranked: Sequence[RankedValue], unit: str | None) -> pl.DataFrame:
    numbers = [
        v
        for item in ranked
        for v in (item.row.value, item.row.sn_average, item.row.regional_average, item.row.england_average)
    ]
    places = row_decimals(numbers, unit)
    records = [
        {
            "rank": None if item.rank is None else str(item.rank),
            "council": item.row.council,
            "period": item.row.period_label or item.row.period_key,
            "value": check_source_text(item.row)
            if item.row.quarantine_reason
            else format_value(item.row.value, unit, item.row.value_text, places),
            "rag": RAG_LABEL.get(item.row.rag_status or ""),
            "vs_england": _gap(item.row, places),
            "sn": format_value(item.row.sn_average, unit, decimals=places),
            "regional": format_value(item.row.regional_average, unit, decimals=places),
            "england": format_value(item.row.england_average, unit, decimals=places),
            "quartile": item.row.quartile_band,
        }
        for item in ranked
    ]
    return pl.DataFrame(records, schema={name: pl.Utf8 for name in (
        "rank", "council", "period", "value", "rag", "vs_england", "sn", "regional", "england", "quartile"
    )})  # fmt: skip


def build_benchmark_table(indicator_code: str, rows: Sequence[ScorecardRow]) -> GT:
    """The ranked table of each council's latest value of one indicator."""
    if not rows:
        raise ValueError(f"No council has a value for indicator {indicator_code}")
    latest_first = sorted(rows, key=lambda r: (r.period_end is not None, r.period_end), reverse=True)
    name = most_common(r.indicator_name for r in latest_first) or indicator_code
    polarity = most_common(r.polarity for r in latest_first)
    unit = most_common(r.unit for r in latest_first)
    ranked = rank_councils(rows, polarity)
    frame = benchmark_frame(ranked, unit)
    good_is = polarity_label(polarity) or "not stated"
    gt = (
        GT(frame, id=TABLE_ID)
        .tab_header(
            title=name,
            subtitle=f"Latest value reported by each council · good is: {good_is} · indicator {indicator_code}",
        )
        .cols_label(
            rank="Rank",
            council="Council",
            period="Period",
            value="Value",
            rag="RAG",
            vs_england="vs England",
            sn="Stat. neighbours",
            regional="Region",
            england="England",
            quartile="Quartile",
        )
        .tab_spanner("Averages printed beside it", ["sn", "regional", "england"])
        .cols_align("center", ["rank", "rag", "quartile"])
        .cols_align("right", ["value", "vs_england", "sn", "regional", "england"])
        .sub_missing(missing_text=DASH)
        .tab_style(style.text(weight="bold"), loc.body(columns=["value", "council"]))
        .tab_style(style.text(whitespace="nowrap"), loc.body(columns=["period", "value", "vs_england"]))
    )
    for status, fill in RAG_FILL.items():
        picked = [i for i, item in enumerate(ranked) if item.row.rag_status == status]
        if picked:
            gt = gt.tab_style(
                [style.fill(color=fill), style.text(color=RAG_TEXT[status], weight="bold")],
                loc.body(columns="rag", rows=picked),
            )
    for verdict, colour in DIRECTION_COLOUR.items():
        picked = [i for i, item in enumerate(ranked) if versus_england(item.row, polarity) == verdict]
        if picked:
            gt = gt.tab_style(style.text(color=colour, weight="bold"), loc.body(columns="vs_england", rows=picked))
    gt = house_style(gt, spanners=["Averages printed beside it"]).tab_options(table_width=TABLE_WIDTH)
    notes = [
        ORDER_NOTE.get(polarity or "", "Polarity not stated: listed by value, not ranked."),
        "vs England: gap to the England average; green better, red worse.",
        f"Averages as printed in each council's report. {DASH} = not reported.",
    ]
    for line in [*notes, *source_lines(rows)]:
        gt = gt.tab_source_note(line)
    return gt


def benchmark_scorecard(scorecard: pd.DataFrame, indicator_code: str) -> GT:
    """The benchmark scorecard of one indicator, from a fct_scorecard frame."""
    return build_benchmark_table(indicator_code, latest_council_wide(scorecard_rows(scorecard), indicator_code))
