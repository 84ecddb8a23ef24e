"""The house style shared by every scorecard: colours, arrows, number formats, table options.

Kept in one place so the council, benchmark and org-unit scorecards print alike,
and so a board sees the same red for "worse" on each of them. Every colour
carries a word or glyph beside it too: board papers are often printed in grey.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from great_tables import GT, loc, nanoplot_options, style

from scorecards.records import missing

DASH = "–"  # shown for every missing value, never 0
# The table's HTML id (great-tables draws a random one): the same rows then give the same HTML,
# so a scorecard whose inputs changed but whose table did not keeps its PNG (scorecards.export).
TABLE_ID = "scorecard"

NAVY = "#1F3A5F"
RULE = "#B8C4D3"
GROUP_FILL = "#E8EEF5"
MUTED_TEXT = "#4A5565"
LATEST_POINT = "#D9822B"

RAG_FILL: dict[str, str] = {"red": "#C8372D", "amber": "#F0B33C", "green": "#23884A"}
RAG_TEXT: dict[str, str] = {"red": "#FFFFFF", "amber": "#1A1A1A", "green": "#FFFFFF"}
RAG_LABEL: dict[str, str] = {"red": "Red", "amber": "Amber", "green": "Green"}

DIRECTION_COLOUR: dict[str, str] = {"better": "#1B7A3D", "worse": "#B42318", "same": "#5F6B7A"}
NEUTRAL_COLOUR = "#5F6B7A"
ROSE, FELL, LEVEL = "▲", "▼", "▶"

POLARITY_LABEL: dict[str, str] = {
    "higher_is_better": "Higher",
    "lower_is_better": "Lower",
    "within_range": "In range",
    "information_only": "Info",
}

# Light tints so the printed number stays readable on the fill; data_color picks the text colour.
WORSE_TO_BETTER: list[str] = ["#E9A39B", "#F7F7F7", "#9CD3AC"]
NEUTRAL_SCALE: list[str] = ["#F7F9FC", "#A9C2DE"]

FONT_STACK: list[str] = ["Arial", "Liberation Sans", "Helvetica", "DejaVu Sans", "sans-serif"]


MAX_DECIMALS: dict[str, int] = {"percent": 1, "count": 1, "days": 1}
DEFAULT_MAX_DECIMALS = 2


def decimals_needed(value: float, max_decimals: int) -> int:
    """The fewest decimals (up to max_decimals) that show the value as printed."""
    for decimals in range(max_decimals + 1):
        if math.isclose(value, round(value, decimals), abs_tol=10 ** -(max_decimals + 3)):
            return decimals
    return max_decimals


def row_decimals(values: Iterable[float | None], unit: str | None, at_least: int = 0) -> int:
    """One number of decimals for all of an indicator's values, so 46.0% sits above 38.1%, not 46%."""
    most = MAX_DECIMALS.get(unit or "", DEFAULT_MAX_DECIMALS)
    return max([min(at_least, most), *(decimals_needed(float(v), most) for v in values if not missing(v))])


def usual_decimals(values: Iterable[float | None], unit: str | None) -> int:
    """The decimals a report usually prints for a unit (most values), so its 0.0% is not shown as 0%."""
    most = MAX_DECIMALS.get(unit or "", DEFAULT_MAX_DECIMALS)
    counts = Counter(decimals_needed(float(v), most) for v in values if not missing(v))
    return max(counts, key=lambda d: (counts[d], d)) if counts else 0


def format_value(
    value: float | None, unit: str | None, text: str | None = None, decimals: int | None = None
) -> str | None:
    """A value as a board reads it: 38.1%, 1,680, 612.3, 407 days; None stays None (shown as a dash).

    Percentages are stored as printed (38.1, not 0.381). A text-unit indicator
    shows its printed text. Without `decimals`, the fewest that show the value.
    """
    if unit == "text" or missing(value):
        return text if unit == "text" and text else None
    number = float(value)  # type: ignore[arg-type]
    if decimals is None:
        decimals = decimals_needed(number, MAX_DECIMALS.get(unit or "", DEFAULT_MAX_DECIMALS))
    shown = f"{number:,.{decimals}f}"
    if unit == "percent":
        return f"{shown}%"
    if unit == "days":
        return f"{shown} days"
    return shown


UNIT_HINT: dict[str, str] = {
    "percent": "%",
    "count": "number",
    "rate_per_10k": "per 10,000",
    "days": "days",
    "text": "text",
}


def distinct_names(items: Iterable[tuple[str, str, str | None]]) -> dict[str, str]:
    """Names by indicator code, with the unit added where two indicators share a name.

    The reports print a count and its percentage under one heading ("ICPCs in 15 days"),
    so the catalogue names them alike; on one page they must read differently.
    """
    pairs = {code: (name, unit) for code, name, unit in items}
    seen = Counter(name for name, _ in pairs.values())
    return {
        code: f"{name} ({UNIT_HINT.get(unit or '', unit or 'other')})" if seen[name] > 1 else name
        for code, (name, unit) in pairs.items()
    }


def polarity_label(polarity: str | None) -> str | None:
    return POLARITY_LABEL.get(polarity or "")


def most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-missing value (first seen wins a tie), e.g. the label of a period column."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def sparkline_options(points: int) -> dict:
    """A plain straight-line sparkline of `points` values: no smoothing that invents peaks, the last marked."""
    return nanoplot_options(
        data_line_type="straight",
        data_line_stroke_color=NAVY,
        data_line_stroke_width=5,
        data_point_radius=[5] * (points - 1) + [10],
        data_point_fill_color=[NAVY] * (points - 1) + [LATEST_POINT],
        data_point_stroke_color=[NAVY] * (points - 1) + [LATEST_POINT],
        data_point_stroke_width=1,
        show_data_area=False,
        show_vertical_guides=False,
        show_y_axis_guide=False,
        interactive_data_values=False,
    )


def house_style(gt: GT, spanners: Iterable[str] = ()) -> GT:
    """Fonts, sizes, rules and header colours for a scorecard that prints on one A4/A3 page."""
    gt = (
        gt.tab_options(
            table_font_names=FONT_STACK,
            table_font_size="12px",
            table_border_top_color=NAVY,
            table_border_top_width="3px",
            table_border_bottom_color=NAVY,
            heading_align="left",
            heading_title_font_size="18px",
            heading_subtitle_font_size="12px",
            heading_border_bottom_color=NAVY,
            column_labels_background_color=NAVY,
            column_labels_font_weight="bold",
            column_labels_font_size="11px",
            column_labels_border_top_color=NAVY,
            column_labels_border_bottom_color=NAVY,
            row_group_background_color=GROUP_FILL,
            row_group_font_weight="bold",
            row_group_border_top_color=RULE,
            row_group_border_bottom_color=RULE,
            table_body_hlines_color="#DDE3EA",
            data_row_padding="3px",
            row_group_padding="3px",
            source_notes_font_size="10px",
            source_notes_padding="2px",
        )
        .tab_style(style.text(color="#FFFFFF"), loc.column_labels())
        .tab_style(style.text(color=NAVY, weight="bold"), loc.title())
        .tab_style(style.text(color=MUTED_TEXT), loc.subtitle())
    )
    spanners = list(spanners)
    if spanners:
        gt = gt.tab_style(style.text(color="#FFFFFF", weight="bold"), loc.spanner_labels(ids=spanners))
    return gt
