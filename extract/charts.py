"""Charts recognised by their marks: bars that share a base line and differ in length,
or drawn curves. Rules alone do not make a chart (a table may be drawn with thin filled
rectangles for rules), nor does the emptiness of a ruled area."""

from __future__ import annotations

from extract.grid import Box

MIN_BAR = 2.0  # points: thinner filled rectangles are rules, not bars
SAME_BASE = 1.0  # points: bars of one series start within this of each other
TOUCH = 0.5  # points: fills this close tile a cell background; bars stand apart


def _inside(obj: dict, box: Box) -> bool:
    return box[0] - 1 <= obj["x0"] and obj["x1"] <= box[2] + 1 and box[1] - 1 <= obj["top"] and obj["bottom"] <= box[3] + 1


def _bars_share_base(bars: list[dict], base: str, length: str, thickness: str) -> bool:
    """Bars of one series: one base line, one thickness, different lengths."""
    by_base: dict[tuple[int, int], set[int]] = {}
    for bar in bars:
        key = (round(bar[base] / SAME_BASE), round(bar[thickness]))
        by_base.setdefault(key, set()).add(round(bar[length]))
    return any(len(lengths) >= 2 for lengths in by_base.values())


def _holds_text(rect: dict, chars: list[dict]) -> bool:
    return any(
        rect["x0"] <= (c["x0"] + c["x1"]) / 2 <= rect["x1"] and rect["top"] <= (c["top"] + c["bottom"]) / 2 <= rect["bottom"]
        for c in chars
    )


def _touches(a: dict, b: dict) -> bool:
    return a["x0"] <= b["x1"] + TOUCH and b["x0"] <= a["x1"] + TOUCH and a["top"] <= b["bottom"] + TOUCH and b["top"] <= a["bottom"] + TOUCH


def has_chart_marks(box: Box, rects: list[dict], curves: list[dict], chars: list[dict]) -> bool:
    """Bars of different lengths on one base (vertical or horizontal), or a plotted curve.
    A filled rectangle with text on it, or tiled against others, is a cell's background."""
    if any(len(c.get("pts") or []) >= 3 and _inside(c, box) for c in curves):
        return True
    fills = [r for r in rects if r.get("fill") and r["width"] >= MIN_BAR and r["height"] >= MIN_BAR and _inside(r, box)]
    inside = [c for c in chars if box[0] <= c["x0"] and c["x1"] <= box[2] and box[1] <= c["top"] and c["bottom"] <= box[3]]
    untexted = [r for r in fills if not _holds_text(r, inside)]
    bars = [r for r in untexted if not any(o is not r and _touches(r, o) for o in fills)]
    return _bars_share_base(bars, "bottom", "height", "width") or _bars_share_base(bars, "x0", "width", "height")
