"""Running heads and feet, and page numbers: a line of its own in a page's top or bottom
band that repeats at the same place on a neighbouring page (digits aside: 'Page 2 of 9'),
or that numbers its own page. They belong to no table and head none. A table's header
repeated at the top of each page is not one: its lines stand close to the rows below.

A running foot printed on one page only (a two-page report after its cover) has no
neighbour to repeat on; it is still known when it carries the page's own number ('Board
pack · 10 September 2020      2') as the page's first or last line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.words import Box, text_of_chars

BAND = 0.1  # share of the page height at the top and at the bottom that running text uses
SAME_PLACE = 2.0  # points
APART = 1.0  # × font size: white space a running line keeps above and below it
_PAGE_NUMBER = re.compile(r"(?:page\s*)?#(?:\s*(?:of|/)\s*#)?|-\s*#\s*-", re.IGNORECASE)


@dataclass(frozen=True)
class MarginLine:
    """A line standing apart in the top or bottom band of a page."""

    text: str  # as printed, words spaced
    shape: str  # the text without spaces and with each run of digits as '#'
    top: float
    box: Box
    outermost: bool  # the page's first line, in the top band, or its last, in the bottom band

    def numbers_page(self, page_number: int, pages: int) -> bool:
        """Whether the line prints this page's number ('3', 'Page 3', '3 of 5', '- 3 -')
        as a word of its own."""
        n, total = str(page_number), str(pages)
        own = rf"(?:page\s*)?{n}(?:\s*(?:of|/)\s*{total})?|-\s*{n}\s*-"
        return re.search(rf"(?<![\w.,/%-])(?:{own})(?![\w.,/%-])", self.text, re.IGNORECASE) is not None


def margin_lines(chars: list[dict], page_height: float) -> list[MarginLine]:
    """Each line standing apart in the top and bottom bands."""
    rows: dict[int, list[dict]] = {}
    for char in chars:
        if char["text"].strip():
            rows.setdefault(round(char["top"]), []).append(char)
    spans = sorted((min(c["top"] for c in row), max(c["bottom"] for c in row), key) for key, row in rows.items())
    lines = []
    for index, (top, bottom, key) in enumerate(spans):
        head, foot = bottom < BAND * page_height, top > (1 - BAND) * page_height
        if not (head or foot):
            continue
        size = max(c.get("size") or 6.0 for c in rows[key])
        above = spans[index - 1][1] if index else float("-inf")
        below = spans[index + 1][0] if index + 1 < len(spans) else float("inf")
        if top - above < APART * size or below - bottom < APART * size:
            continue
        row = sorted(rows[key], key=lambda c: c["x0"])
        shape = re.sub(r"\d+", "#", "".join(c["text"] for c in row))
        box = (min(c["x0"] for c in row), top, max(c["x1"] for c in row), bottom)
        outermost = (head and index == 0) or (foot and index == len(spans) - 1)
        lines.append(MarginLine(text_of_chars(row), shape, top, box, outermost))
    return lines


def furniture_boxes(lines: list[MarginLine], neighbours: list[list[MarginLine]], page_number: int, pages: int) -> list[Box]:
    """Boxes of the margin lines that repeat on a neighbouring page or number the page."""
    boxes = []
    for line in lines:
        repeated = any(line.shape == other.shape and abs(line.top - other.top) <= SAME_PLACE for page in neighbours for other in page)
        numbered = _PAGE_NUMBER.fullmatch(line.shape.strip()) or (line.outermost and line.numbers_page(page_number, pages))
        if repeated or numbered:
            boxes.append(line.box)
    return boxes
