"""The 12-month series behind each scorecard's sparkline.

An indicator's series is the one of its own kind of period: a rolling-12-month
rate is drawn from the rolling-12-month values, not from the single months.
Every value is placed at its calendar month on one 12-month axis shared by all
rows, so a series the report only began printing in October sits at the right,
a quarterly year-to-date figure keeps its three-month spacing, and a month the
report did not print is a stretch of line without a marker, not a squeezed axis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from scorecards.records import TrendPoint

MONTHS = 12

SeriesKey = tuple[str, str | None, str, str]


def months_ending(end: date, months: int = MONTHS) -> list[tuple[int, int]]:
    """(year, month) of the `months` calendar months up to and including the month of `end`."""
    index = end.year * 12 + end.month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - months + 1, index + 1)]


@dataclass(frozen=True)
class Series:
    """Reported values with their place on the axis: month 0 is the first of the 12, 11 the last."""

    months: list[int]
    values: list[float]

    def as_cell(self) -> dict[str, list[float]]:
        """The nanoplot cell great-tables draws with x positions: {"x": [...], "y": [...]}."""
        return {"x": [float(m) for m in self.months], "y": list(self.values)}


@dataclass
class TrendIndex:
    """Values looked up by council, org unit, indicator and kind of period, then by period end."""

    points: dict[SeriesKey, dict[date, float | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, points: Iterable[TrendPoint]) -> TrendIndex:
        index = cls()
        for p in points:
            key = (p.council, p.org_unit_code, p.indicator_code, p.period_type or "month")
            index.points.setdefault(key, {})[p.period_end] = p.value
        return index

    def series(
        self,
        council: str,
        org_unit_code: str | None,
        indicator_code: str,
        end: date | None,
        period_type: str | None = None,
        months: int = MONTHS,
    ) -> Series | None:
        """The values reported in the `months` months ending at `end`; None under two (one point is no trend)."""
        if end is None:
            return None
        found = self.points.get((council, org_unit_code, indicator_code, period_type or "month"), {})
        place = {month: i for i, month in enumerate(months_ending(end, months))}
        placed = sorted(
            (place[(d.year, d.month)], v) for d, v in found.items() if v is not None and (d.year, d.month) in place
        )
        if len(placed) < 2:
            return None
        return Series([m for m, _ in placed], [v for _, v in placed])
