"""The org-unit scorecard: an Annex-A style grid of indicators by district or team.

Each indicator row gets its own colour scale across the districts (great-tables
data_color, by row), turned round by polarity so green is always the better
end; information-only rows get a neutral blue scale, since more is neither
better nor worse. The council-wide column is shown for reference, uncoloured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import polars as pl
from great_tables import GT, loc, style

from scorecards.records import ScorecardRow, scorecard_rows
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
    NAVY,
    NEUTRAL_SCALE,
    RULE,
    WORSE_TO_BETTER,
    distinct_names,
    format_value,
    house_style,
    most_common,
    polarity_label,
    row_decimals,
)

COLOUR_NOTES = (
    "Each row has its own colour scale across the districts and teams.",
    "Green is the better end, red the worse, by polarity; blue: information only, darker is higher.",
    f"The council-wide column is not coloured. {DASH} = not reported.",
)


@dataclass(frozen=True)
class OrgUnit:
    """A column of the grid: an org unit, the column id great-tables knows it by, and its group."""

    column: str
    code: str | None
    name: str
    council_wide: bool
    group: str | None


@dataclass(frozen=True)
class IndicatorLine:
    """A row of the grid: one indicator and its value in each org unit."""

    code: str
    name: str
    domain: str
    polarity: str | None
    unit: str | None
    values: dict[str, float | None]
    # Columns whose printed value is quarantined: shown as "check source" with the printed text.
    checks: dict[str, str] = field(default_factory=dict)


AREA_TOTAL_LABEL = "All"


def _group(row: ScorecardRow, areas: set[str]) -> str | None:
    """The area a column sits under: its parent area, or itself if it is an area with units here."""
    if is_council_wide(row):
        return None
    name = row.org_unit_name or ""
    if name in areas:
        return name
    parent = row.parent_org_unit_name
    return None if parent is None or parent == row.council else parent


def org_units(rows: Sequence[ScorecardRow]) -> list[OrgUnit]:
    """Districts and teams in the org-unit seed's order (else as the mart lists them), the council last.

    A unit under an area of the council (Burnley under CSC East) is grouped under that area,
    with the area's own figure first as "All"; a unit directly under the council is not grouped.
    """
    seen: dict[str | None, ScorecardRow] = {}
    for row in rows:
        seen.setdefault(row.org_unit_code, row)
    first = {code: i for i, code in enumerate(seen)}
    ordered = sorted(
        seen.values(),
        key=lambda r: (
            is_council_wide(r),
            r.org_unit_sort_order if r.org_unit_sort_order is not None else 10**9,
            first[r.org_unit_code],
        ),
    )
    areas = {r.parent_org_unit_name for r in ordered if r.parent_org_unit_name and r.parent_org_unit_name != r.council}
    units = []
    for i, row in enumerate(ordered):
        name = row.org_unit_name or row.org_unit_code or row.council
        group = _group(row, areas)
        units.append(
            OrgUnit(
                column=f"unit_{i}",
                code=row.org_unit_code,
                name=AREA_TOTAL_LABEL if group is not None and group == name else name,
                council_wide=is_council_wide(row),
                group=group,
            )
        )
    return units


def group_spanners(units: Sequence[OrgUnit]) -> list[tuple[str, list[str]]]:
    """Runs of neighbouring columns with the same group: one spanner each (CSC East over its districts)."""
    spans: list[tuple[str, list[str]]] = []
    for unit in units:
        if unit.group and spans and spans[-1][0] == unit.group:
            spans[-1][1].append(unit.column)
        elif unit.group:
            spans.append((unit.group, [unit.column]))
    return spans


def indicator_lines(rows: Sequence[ScorecardRow], units: Sequence[OrgUnit]) -> list[IndicatorLine]:
    """One line per indicator in print order, with each org unit's value (None where not reported)."""
    column_of = {u.code: u.column for u in units}
    names = distinct_names((r.indicator_code, r.indicator_name, r.unit) for r in rows)
    lines: dict[str, IndicatorLine] = {}
    for row in in_print_order(rows):
        line = lines.get(row.indicator_code)
        if line is None:
            line = IndicatorLine(
                code=row.indicator_code,
                name=names[row.indicator_code],
                domain=row.domain or OTHER_DOMAIN,
                polarity=row.polarity,
                unit=row.unit,
                values={u.column: None for u in units},
            )
            lines[row.indicator_code] = line
        line.values[column_of[row.org_unit_code]] = row.value
        if row.quarantine_reason:
            line.checks[column_of[row.org_unit_code]] = check_source_text(row)
    return list(lines.values())


def _palette(polarity: str | None) -> tuple[list[str], bool]:
    """The scale and whether to reverse it, so the better end is green."""
    if polarity == "higher_is_better":
        return WORSE_TO_BETTER, False
    if polarity == "lower_is_better":
        return WORSE_TO_BETTER, True
    return NEUTRAL_SCALE, False


def _colourable(line: IndicatorLine, columns: Sequence[str]) -> bool:
    """A scale needs two different values to run between."""
    return len({line.values[c] for c in columns if line.values[c] is not None}) >= 2


def build_org_unit_table(council: str, period_label: str, rows: Sequence[ScorecardRow]) -> GT:
    """The indicator-by-org-unit grid of one council and period, coloured row by row."""
    units = org_units(rows)
    district_columns = [u.column for u in units if not u.council_wide]
    # Only indicators some district or team reports: the council-only ones are on the council scorecard.
    lines = [line for line in indicator_lines(rows, units) if any(line.values[c] is not None for c in district_columns)]
    frame = pl.DataFrame(
        [
            {"domain": line.domain, "indicator": line.name, "good_is": polarity_label(line.polarity), **line.values}
            for line in lines
        ],
        schema={"domain": pl.Utf8, "indicator": pl.Utf8, "good_is": pl.Utf8, **{u.column: pl.Float64 for u in units}},
    )
    all_columns = [u.column for u in units]
    gt = (
        GT(frame, rowname_col="indicator", groupname_col="domain", id=TABLE_ID)
        .tab_header(
            title=f"{council}: indicators by district and team",
            subtitle=f"Reporting period: {period_label} · {len(district_columns)} districts and teams",
        )
        .tab_stubhead("Indicator")
        .cols_label(good_is="Good is", **{u.column: u.name for u in units})
        .cols_align("center", ["good_is"])
        .cols_align("right", all_columns)
        .cols_width({"indicator": "260px"})
    )
    spans = group_spanners(units)
    for i, (label, columns) in enumerate(spans):
        gt = gt.tab_spanner(label, columns, id=f"group_{i}")
    for i, line in enumerate(lines):
        places = row_decimals(line.values.values(), line.unit)
        gt = gt.fmt(
            lambda x, unit=line.unit, places=places: format_value(x, unit, decimals=places) or DASH,
            columns=all_columns,
            rows=[i],
        )
    for polarity in sorted({line.polarity or "" for line in lines}):
        picked = [
            i
            for i, line in enumerate(lines)
            if (line.polarity or "") == polarity and _colourable(line, district_columns)
        ]
        if not picked or not district_columns:
            continue
        palette, reverse = _palette(polarity or None)
        gt = gt.data_color(
            columns=district_columns,
            rows=picked,
            palette=palette,
            reverse=reverse,
            na_color="#FFFFFF",
            direction="row",
        )
    council_columns = [u.column for u in units if u.council_wide]
    if council_columns:
        gt = gt.tab_style(
            [style.text(weight="bold"), style.borders(sides="left", color=NAVY, weight="2px")],
            loc.body(columns=council_columns),
        )
    gt = gt.sub_missing(missing_text=DASH).tab_style(
        style.borders(sides="left", color=RULE, weight="1px"), loc.body(columns=district_columns)
    )
    for i, line in enumerate(lines):
        for column, text in line.checks.items():
            gt = gt.sub_missing(columns=[column], rows=[i], missing_text=text)
    gt = house_style(gt, spanners=[f"group_{i}" for i in range(len(spans))])
    for line in [*COLOUR_NOTES, *source_lines(rows)]:
        gt = gt.tab_source_note(line)
    return gt


def org_unit_scorecard(scorecard: pd.DataFrame, key: ScorecardKey) -> GT:
    """The org-unit grid of one council and period, from a fct_scorecard frame."""
    rows = one_per_indicator(rows_for(scorecard_rows(scorecard), key))
    if not any(not is_council_wide(r) for r in rows):
        raise ValueError(f"No district or team rows for {key.council} in {key.edition}")
    label = most_common(r.period_label for r in rows) or key.edition
    return build_org_unit_table(key.council, label, rows)
