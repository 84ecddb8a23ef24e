"""Running heads and feet, and page numbers: a line of its own in a page's top or bottom
band that repeats at the same place on a neighbouring page (digits aside: 'Page 2 of 9'),
or a bare page number there. They belong to no table and head none. A table's header
repeated at the top of each page is not one: its lines stand close to the rows below."""

from __future__ import annotations

import re

from extract.words import Box

BAND = 0.1  # share of the page height at the top and at the bottom that running text uses
SAME_PLACE = 2.0  # points
APART = 1.0  # × font size: white space a running line keeps above and below it
_PAGE_NUMBER = re.compile(r"(?:page\s*)?#(?:\s*(?:of|/)\s*#)?|-\s*#\s*-", re.IGNORECASE)


def margin_lines(chars: list[dict], page_height: float) -> list[tuple[str, float, Box]]:
    """(text with digits as '#', top, box) of each line standing apart in the top and
    bottom bands."""
    rows: dict[int, list[dict]] = {}
    for char in chars:
        if char["text"].strip():
            rows.setdefault(round(char["top"]), []).append(char)
    spans = sorted((min(c["top"] for c in row), max(c["bottom"] for c in row), key) for key, row in rows.items())
    lines = []
    for index, (top, bottom, key) in enumerate(spans):
        if not (bottom < BAND * page_height or top > (1 - BAND) * page_height):
            continue
        size = max(c.get("size") or 6.0 for c in rows[key])
        above = spans[index - 1][1] if index else float("-inf")
        below = spans[index + 1][0] if index + 1 < len(spans) else float("inf")
        if top - above < APART * size or below - bottom < APART * size:
            continue
        row = sorted(rows[key], key=lambda c: c["x0"])
        text = re.sub(r"\d+", "#", "".join(c["text"] for c in row))
        lines.append((text, top, (min(c["x0"] for c in row), top, max(c["x1"] for c in row), bottom)))
    return lines


def furniture_boxes(lines: list[tuple[str, float, Box]], neighbours: list[list[tuple[str, float, Box]]]) -> list[Box]:
    """Boxes of the margin lines that repeat on a neighbouring page or number the page."""
    boxes = []
    for text, top, box in lines:
        repeated = any(text == t and abs(top - y) <= SAME_PLACE for other in neighbours for t, y, _ in other)
        if repeated or _PAGE_NUMBER.fullmatch(text.strip()):
            boxes.append(box)
    return boxes
