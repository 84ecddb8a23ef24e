"""Page -> words: the text and style of the characters pdfplumber gives.

Joins characters into text (a space where the white space says so, never across a
footnote mark) and reads their weight and colour, for every later stage alike.
"""

from __future__ import annotations


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b"))


def box_of(chars: list[dict]) -> Box:
    """The box the characters' ink covers."""
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def ink_of(chars: list[dict]) -> tuple[float, ...] | None:
    colour = chars[0].get("non_stroking_color") if chars else None
    return tuple(colour) if isinstance(colour, (tuple, list)) else None


def footnote_mark(previous: dict, char: dict) -> bool:
    """A small raised character after a figure ('24.91' + superscript '2') marks a
    footnote; it is not part of the number."""
    size, before = char.get("size") or 0.0, previous.get("size") or 0.0
    raised = previous["bottom"] - char["bottom"] > 0.15 * before
    return before > 0 and size <= 0.75 * before and raised and previous["text"][-1:].isdigit()


def text_of_chars(chars: list[dict]) -> str:
    """Join characters into text: lines top to bottom, a space where the gap says so."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        size = char.get("size") or 6.0
        for line in lines:
            if abs(line[0]["top"] - char["top"]) <= size * 0.4:
                line.append(char)
                break
        else:
            lines.append([char])
    parts = []
    for line in sorted(lines, key=lambda ln: ln[0]["top"]):
        line.sort(key=lambda c: c["x0"])
        text, previous, space_at = "", None, None
        for char in line:
            if not char["text"].strip():
                space_at = (char["x0"], char["x1"])
                continue
            if previous is not None:
                wide = char["x0"] - previous["x1"] > (char.get("size") or 6.0) * 0.2
                # A space character counts only where it stands between the glyphs; one drawn
                # over them is letter-spacing ('0 3 / 2 5' for '03/25').
                slack = 0.3 * (space_at[1] - space_at[0]) if space_at else 0.0
                spaced = space_at is not None and previous["x1"] - slack <= space_at[0] and space_at[1] <= char["x0"] + slack
                if wide or spaced:
                    text += " "
            if previous is not None and footnote_mark(previous, char):
                continue
            text += char["text"]
            previous, space_at = char, None
        parts.append(text)
    return " ".join(" ".join(parts).split())
