"""Footnote markers set as small raised characters after a figure ('12.3' then a superscript
'2'). Read as text, such a mark sits on a line of its own a little above the figure's and
joins the cell as a separate word ('2 12.3'); it is never part of the value, so it is taken
out before lines are read. Markers printed as characters of their own ('97¹', '4%*') are
taken off the value's text instead (extract/values.py)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from extract.words import footnote_mark

REACH = 0.3  # × the figure's size: how far after it a mark may start


def without_raised_marks(chars: list[dict]) -> list[dict]:
    """The characters, less footnote marks raised after a figure (and the marks after them)."""
    by_x1 = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x1"])
    ends = [c["x1"] for c in by_x1]
    marks: set[int] = set()
    for char in sorted(by_x1, key=lambda c: c["x0"]):
        size = char.get("size") or 0.0
        lo = bisect_left(ends, char["x0"] - REACH * max(size * 2, 1.0))
        hi = bisect_right(ends, char["x0"] + 0.5)
        for before in by_x1[lo:hi]:
            if before is char or not before["top"] - size <= char["top"] <= before["bottom"]:
                continue
            if id(before) in marks and abs((before.get("size") or 0.0) - size) < 0.1 and abs(before["bottom"] - char["bottom"]) < 0.5:
                marks.add(id(char))  # the next character of a mark ('12' raised)
                break
            if footnote_mark(before, char):
                marks.add(id(char))
                break
    return [c for c in chars if id(c) not in marks]
