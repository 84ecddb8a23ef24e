"""Name the colour of a filled cell: a RAG status, a header tint, or nothing."""

from __future__ import annotations

import colorsys


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
    """'red', 'amber' or 'green' for a fill clearly of that hue, else None."""
    rgb = to_rgb(colour)
    if rgb is None:
        return None
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    # Pale status fills (spreadsheet conditional formats) are light but clearly hued; a
    # tinted row band of the same hue is told apart by its size, where fills are placed.
    if saturation < 0.35 or not 0.2 <= lightness <= 0.92:
        return None
    degrees = hue * 360
    if degrees < 18 or degrees >= 330:
        return "red"
    if degrees < 55:
        return "amber"
    if 75 <= degrees < 170:
        return "green"
    return None


def is_tint(colour: object) -> bool:
    """A light, unsaturated background such as a header band."""
    rgb = to_rgb(colour)
    if rgb is None:
        return False
    _, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    return 0.55 <= lightness < 0.97 and (saturation < 0.5 or lightness > 0.8)
