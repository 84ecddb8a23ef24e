"""The heading a table sits under ('Number of Contacts to children's social care during
the month'): some reports name the indicator only there, with rows saying 'Number' or
'Percentage'."""

from __future__ import annotations

from statistics import median

from extract.lines import Line
from extract.words import Box

MAX_WORDS = 25


def _is_heading(line: Line, body_size: float) -> bool:
    text = " ".join(p.text for p in line.phrases)
    if len(text.split()) > MAX_WORDS or sum(ch.isalpha() for ch in text) < 3:
        return False
    return line.size >= 1.15 * body_size or all(p.bold for p in line.phrases)


def heading_above(box: Box, free_lines: list[Line], floor: float) -> str | None:
    """The most prominent heading between `floor` (the table above, or the page top) and
    the table: the largest type wins, the nearest breaks a tie."""
    if not free_lines:
        return None
    body_size = median(line.size for line in free_lines)
    x0, top, x1, _ = box
    candidates = [
        line
        for line in free_lines
        if floor <= line.top and line.bottom <= top + 1
        and min(x1, max(p.x1 for p in line.phrases)) > max(x0, min(p.x0 for p in line.phrases)) - 1
        and _is_heading(line, body_size)
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda line: (round(line.size, 1), line.top))
    return " ".join(p.text for p in best.phrases)
