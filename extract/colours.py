"""Name the colour of a filled cell or a status mark: a RAG status, a header tint, or nothing.

A status colour is told by its hue and how far it stands from grey (chroma), whatever the
palette: Office's pure red, amber and green, muted ones (a sage green), saturated ones, the
pale fills of spreadsheet conditional formats (Excel's light red, yellow and green) and a
yellow used for amber. Colour alone cannot tell a pale status fill from a tinted row band of
the same hue; where the fill lies does (extract/status.py).
"""

from __future__ import annotations

import colorsys

MIN_CHROMA = 0.15  # max - min of RGB: a cream or pale-blue band (about 0.1) is a tint, not a status
LIGHTNESS = (0.15, 0.95)  # a fill darker or lighter than this reads as black or white
HUES = (  # degrees on the colour wheel: red wraps round 0, amber runs orange to yellow
    ("red", 330.0, 20.0),
    ("amber", 20.0, 68.0),
    ("green", 75.0, 170.0),
)


def to_rgb(colour: object) -> tuple[float, float, float] | None:
    """pdfplumber gives grey (1 value), RGB (3) or CMYK (4) tuples, or a pattern name."""
    if not isinstance(colour, (tuple, list)) or not all(isinstance(c, (int, float)) for c in colour):
        return None
    if len(colour) == 1:
        return (colour[0],) * 3
    if len(colour) == 3:
        return tuple(colour)  # type: ignore[return-value]
    if len(colour) == 4:
        c, m, y, k = colour
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def rag_of(colour: object) -> str | None:
    """'red', 'amber' or 'green' for a colour clearly of that hue, else None."""
    rgb = to_rgb(colour)
    if rgb is None or max(rgb) - min(rgb) < MIN_CHROMA:
        return None
    hue, lightness, _ = colorsys.rgb_to_hls(*rgb)
    if not LIGHTNESS[0] <= lightness <= LIGHTNESS[1]:
        return None
    degrees = hue * 360
    for name, start, end in HUES:
        if (start <= degrees < end) if start < end else (degrees >= start or degrees < end):
            return name
    return None


def is_tint(colour: object) -> bool:
    """A light, unsaturated background such as a header band."""
    rgb = to_rgb(colour)
    if rgb is None:
        return False
    _, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    return 0.55 <= lightness < 0.97 and (saturation < 0.5 or lightness > 0.8)


def status_boxes(rects: list[dict]) -> list[tuple[float, float, float, float]]:
    """The boxes of the filled rectangles in a status colour."""
    return [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in rects if r.get("fill") and rag_of(r.get("non_stroking_color"))]
