"""The rows the scorecards are drawn from, as typed records.

The renderers take pandas frames (one row of the mart `marts.fct_scorecard` per
indicator, org unit and period; one row per month of an indicator's series) and
turn them into these records first, so missing values are always `None` (never
NaN, NaT or pd.NA) and a column the mart renames fails here, loudly, not as a
blank cell on a printed scorecard.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class ScorecardRow:
    """One indicator for one org unit in one period, with its history, status and benchmarks.

    Vocabularies as the mart gives them: polarity higher_is_better / lower_is_better /
    within_range / information_only; unit percent / count / rate_per_10k / days / text /
    unknown; direction better / same / worse; rag_status red / amber / green.
    """

    council: str
    org_unit_code: str | None
    org_unit_name: str | None
    indicator_code: str
    indicator_name: str
    domain: str | None
    polarity: str | None
    unit: str | None
    period_key: str
    period_label: str | None
    period_end: date | None
    value: float | None
    value_text: str | None
    previous_value: float | None
    previous_period_label: str | None
    value_2_periods_ago: float | None
    period_2_label: str | None
    ytd_value: float | None
    direction: str | None
    printed_direction: str | None
    rag_status: str | None
    printed_rag: str | None
    target_text: str | None
    sn_average: float | None
    england_average: float | None
    regional_average: float | None
    quartile_band: str | None
    source_document: str | None
    source_page: int | None
    # Optional: used where the frame has them (the mart does; dim_org_unit adds the last two).
    council_org_unit_code: str | None = None
    period_type: str | None = None
    org_unit_sort_order: int | None = None
    parent_org_unit_name: str | None = None
    # Why the printed value cannot be this indicator's (marts.fct_quarantined_value); value is then None.
    quarantine_reason: str | None = None


@dataclass(frozen=True)
class TrendPoint:
    """One value of an indicator for an org unit and period: a point of the 12-month sparkline."""

    council: str
    org_unit_code: str | None
    indicator_code: str
    period_end: date
    value: float | None
    period_type: str | None = None


def _names(record: type, required: bool) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record) if (f.default is MISSING) == required)


SCORECARD_COLUMNS: tuple[str, ...] = _names(ScorecardRow, required=True)
OPTIONAL_SCORECARD_COLUMNS: tuple[str, ...] = _names(ScorecardRow, required=False)
TREND_COLUMNS: tuple[str, ...] = _names(TrendPoint, required=True)

_FLOATS = {f.name for f in fields(ScorecardRow) if "float" in str(f.type)}
_DATES = {"period_end"}
_INTS = {"source_page", "org_unit_sort_order"}


def missing(value: Any) -> bool:
    """True for None, NaN, NaT and pd.NA: every way a frame says 'no value'."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _clean(name: str, value: Any) -> Any:
    if missing(value):
        return None
    if name in _FLOATS:
        number = float(value)
        return None if math.isnan(number) else number
    if name in _DATES:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return pd.Timestamp(value).date()
    if name in _INTS:
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        return text or None
    return value


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise KeyError(f"{what} is missing columns {absent}; it has {list(frame.columns)}")


def scorecard_rows(frame: pd.DataFrame) -> list[ScorecardRow]:
    """Rows of `marts.fct_scorecard` (extra columns are ignored) as records."""
    _require(frame, SCORECARD_COLUMNS, "The scorecard frame")
    names = [*SCORECARD_COLUMNS, *(c for c in OPTIONAL_SCORECARD_COLUMNS if c in frame.columns)]
    return [
        ScorecardRow(**{name: _clean(name, record[name]) for name in names})
        for record in frame[names].to_dict("records")
    ]


def trend_points(frame: pd.DataFrame) -> list[TrendPoint]:
    """Values as records; rows without a period end are dropped (they cannot be placed)."""
    _require(frame, TREND_COLUMNS, "The trend frame")
    has_type = "period_type" in frame.columns
    points = []
    for record in frame.to_dict("records"):
        period_end = _clean("period_end", record["period_end"])
        if period_end is None:
            continue
        value = None if missing(record["value"]) else float(record["value"])
        points.append(
            TrendPoint(
                council=str(record["council"]),
                org_unit_code=None if missing(record["org_unit_code"]) else str(record["org_unit_code"]),
                indicator_code=str(record["indicator_code"]),
                period_end=period_end,
                value=value,
                period_type=str(record["period_type"]) if has_type and not missing(record["period_type"]) else None,
            )
        )
    return points
