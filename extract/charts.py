"""Charts recognised by their marks: bars that share a base line and differ in length,
or plotted curves. Rules alone do not make a chart (a table may be drawn with thin filled
rectangles for rules), nor does the emptiness of a ruled area; a filled rectangle with
text on it, or tiled against others, is a cell's background."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from extract.words import Box

MIN_BAR = 2.0  # points: thinner filled rectangles are rules, not bars
SAME_BASE = 1.0  # points: bars of one series start within this of each other
TOUCH = 0.5  # points: fills this close tile a cell background; bars stand apart
CORNER = 2.0  # points: axis lines meeting this close make the chart's corner
AXIS_REACH = 120.0  # points: how far from the marks their axes may stand
AXIS_SLACK = 4.0  # points: how far short of the marks' ends an axis may stop


MIN_EVEN_BARS = 3  # bars of one length make a series only this many at least, on a drawn base


def _series_key(bar: dict, base: str, thickness: str) -> tuple[int, int]:
    """The series a bar could belong to: its base line and its thickness."""
    return round(bar[base] / SAME_BASE), round(bar[thickness])


def _by_series(bars: list[dict], base: str, thickness: str) -> dict[tuple[int, int], list[dict]]:
    series: dict[tuple[int, int], list[dict]] = {}
    for bar in bars:
        series.setdefault(_series_key(bar, base, thickness), []).append(bar)
    return series


def _bar_series(bars: list[dict], base: str, length: str, thickness: str, lines: list[dict]) -> list[list[dict]]:
    """Bars of one series: one base line, one thickness, more than one length; or bars all
    of one length (every figure 100 %) standing on a drawn base line that no rule closes at
    their far end, as a row of filled cells between two rules would be."""
    return [
        group
        for group in _by_series(bars, base, thickness).values()
        if len({round(b[length]) for b in group}) >= 2 or _on_open_axis(group, base, lines)
    ]


def _on_open_axis(group: list[dict], base: str, lines: list[dict]) -> bool:
    if len(group) < MIN_EVEN_BARS:
        return False
    upright = base == "bottom"  # vertical bars stand on a horizontal axis at their bottoms
    lo, hi = ("x0", "x1") if upright else ("top", "bottom")
    start, end = min(b[lo] for b in group), max(b[hi] for b in group)
    far = {"bottom": "top", "x0": "x1"}[base]

    def rule_along(edge: float) -> bool:
        across = ("top", "bottom") if upright else ("x0", "x1")
        return any(
            abs(ln[across[0]] - edge) <= SAME_BASE and abs(ln[across[1]] - edge) <= SAME_BASE
            and ln[lo] <= start + AXIS_SLACK and ln[hi] >= end - AXIS_SLACK
            for ln in lines
        )

    return rule_along(group[0][base]) and not rule_along(group[0][far])


def _untexted(fills: list[dict], chars: list[dict]) -> list[dict]:
    centres = sorted(((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in chars if c["text"].strip())
    xs = [x for x, _ in centres]
    kept = []
    for rect in fills:
        lo, hi = bisect_left(xs, rect["x0"]), bisect_right(xs, rect["x1"])
        if not any(rect["top"] <= y <= rect["bottom"] for _, y in centres[lo:hi]):
            kept.append(rect)
    return kept


def _standing_apart(candidates: list[dict], fills: list[dict]) -> list[dict]:
    by_x0 = sorted(fills, key=lambda r: r["x0"])
    x0s = [r["x0"] for r in by_x0]
    apart = []
    for rect in candidates:
        near = by_x0[: bisect_right(x0s, rect["x1"] + TOUCH)]
        if not any(
            other is not rect
            and other["x1"] + TOUCH >= rect["x0"]
            and rect["top"] <= other["bottom"] + TOUCH
            and other["top"] <= rect["bottom"] + TOUCH
            for other in near
        ):
            apart.append(rect)
    return apart


def _plotted(curve: dict) -> bool:
    """A data series: an open, unfilled line through three or more points left to right,
    rising or falling (a straight rule or a rounded box is not one)."""
    pts = curve.get("pts") or []
    if len(pts) < 3 or curve.get("fill") or pts[0] == pts[-1]:
        return False
    xs = [x for x, _ in pts]
    ys = {round(y, 1) for _, y in pts}
    return all(b > a for a, b in zip(xs, xs[1:])) and len(ys) >= 2 and curve["bottom"] - curve["top"] >= MIN_BAR


def _with_axes(region: Box, lines: list[dict]) -> Box:
    """The plot area with its axes: a vertical line left of the marks and a horizontal one
    below them, meeting at a corner, the one rising past the marks' top and the other running
    past their right end. A flat curve's own extent is a sliver; its axes say how far the
    chart reaches, and so where its tick labels print. A table's rules meet at corners too,
    but none with the marks inside their upper right."""
    x0, top, x1, bottom = region
    upright = [ln for ln in lines if abs(ln["x1"] - ln["x0"]) <= TOUCH and ln["x0"] <= x0 + TOUCH and ln["top"] <= top + AXIS_SLACK]
    flat = [ln for ln in lines if abs(ln["bottom"] - ln["top"]) <= TOUCH and ln["top"] >= bottom - TOUCH and ln["x1"] >= x1 - AXIS_SLACK]
    for v in upright:
        for h in flat:
            corner = abs(v["x0"] - h["x0"]) <= CORNER and abs(v["bottom"] - h["top"]) <= CORNER
            if corner and x0 - v["x0"] <= AXIS_REACH and h["top"] - bottom <= AXIS_REACH:
                return (min(x0, v["x0"]), min(top, v["top"]), max(x1, h["x1"]), max(bottom, h["bottom"]))
    return region


def _short_bars(rects: list[dict], bars: list[dict], chars: list[dict], base: str, length: str, thickness: str) -> list[dict]:
    """Bars of figures near or at nought, shorter than a rule is thick or of no length at
    all: fills as thick as a bar of the page and standing on its base line, apart from other
    fills, are bars of its series (`1` and `1` beside `100.0%`, `0` and `0` beside `408.0`),
    though alone they would read as rules."""
    keys = {_series_key(b, base, thickness) for b in bars}
    short = [r for r in rects if r.get("fill") and 0 <= r[length] < MIN_BAR and r[thickness] >= MIN_BAR
             and _series_key(r, base, thickness) in keys]
    fills = [r for r in rects if r.get("fill")]
    return _standing_apart(_untexted(short, chars), fills) if short else []


def _nought_series(shapes: list[dict], lines: list[dict]) -> list[Box]:
    """A bar chart whose every figure is nought: its bars are filled shapes of no height, as
    wide as each other, three or more standing apart on one line, and its axes show it, a
    vertical line meeting that line at its left end. Cell borders drawn as fills tile their
    line end to end; bars leave gaps between them."""
    flat = [s for s in shapes if s.get("fill") and s["bottom"] - s["top"] <= TOUCH and s["x1"] - s["x0"] >= MIN_BAR]
    found = []
    for group in _by_series(flat, "bottom", "width").values():
        group.sort(key=lambda s: s["x0"])
        if len(group) < MIN_EVEN_BARS or any(b["x0"] - a["x1"] < MIN_BAR for a, b in zip(group, group[1:])):
            continue
        region = (group[0]["x0"], min(s["top"] for s in group), group[-1]["x1"], max(s["bottom"] for s in group))
        if (axes := _with_axes(region, lines)) != region:
            found.append(axes)
    return found


def chart_regions(rects: list[dict], curves: list[dict], chars: list[dict], lines: list[dict] | None = None) -> list[Box]:
    """The extent of each bar series and plotted curve on a page, with its axes."""
    regions = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in curves if _plotted(c)]
    fills = [r for r in rects if r.get("fill") and r["width"] >= MIN_BAR and r["height"] >= MIN_BAR]
    bars = _standing_apart(_untexted(fills, chars), fills)
    lines = lines or []
    shapes = rects + curves  # a bar of no length may be drawn as a flat path
    upright = bars + _short_bars(shapes, bars, chars, "bottom", "height", "width")
    flat = bars + _short_bars(shapes, bars, chars, "x0", "width", "height")
    for group in _bar_series(upright, "bottom", "height", "width", lines) + _bar_series(flat, "x0", "width", "height", lines):
        regions.append((min(b["x0"] for b in group), min(b["top"] for b in group), max(b["x1"] for b in group), max(b["bottom"] for b in group)))
    return [_with_axes(region, lines) for region in regions] + _nought_series(shapes, lines)


def within(region: Box, box: Box) -> bool:
    return box[0] - 1 <= region[0] and region[2] <= box[2] + 1 and box[1] - 1 <= region[1] and region[3] <= box[3] + 1
