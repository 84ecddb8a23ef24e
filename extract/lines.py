"""Words -> lines: the characters of a page grouped into lines of phrases.

A phrase is a run of characters with no gap wider than a word space (a fixed-pitch face
counts in its own advance); phrases far apart on one line are different cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.values import is_number
from extract.words import Box, is_bold, text_of_chars

PHRASE_GAP = 0.5  # × font size: a wider gap between characters separates cells
MONO_GAP = 1.5  # × a fixed-pitch face's advance: one space joins words, two part cells
MAX_WIDTHS = 2  # widths one fixed-pitch face is set at on a page (squeezed to fit, and not)
OFF_GRID = 0.2  # × the advance: a gap this far off a whole number of advances parts cells
WRAP_GAP = 0.45  # × font size: lines closer than this may be one wrapped cell
BESIDE_OVERLAP = 0.1  # × font size: a figure's line overlapping a label's line by more sits beside it
PAGE_MARGIN = 0.035  # share of page height holding running headers and footers
BULLETS = {"•", "◦", "▪", "‣"}
DASHES = {"-", "–", "—"}  # a cell printed as a dash: no figure to report


@dataclass
class Phrase:
    chars: list[dict]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str = ""

    def __hash__(self) -> int:
        return id(self)

    @classmethod
    def of(cls, chars: list[dict]) -> "Phrase":
        visible = [c for c in chars if c["text"].strip()]
        return cls(
            chars,
            min(c["x0"] for c in visible),
            max(c["x1"] for c in visible),
            min(c["top"] for c in visible),
            max(c["bottom"] for c in visible),
            max(c.get("size") or 0.0 for c in visible),
            sum(is_bold(c.get("fontname", "")) for c in visible) * 2 > len(visible),
            text_of_chars(chars),
        )


@dataclass
class Line:
    phrases: list[Phrase]
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        self.phrases.sort(key=lambda p: p.x0)
        self.top = min(p.top for p in self.phrases)
        self.bottom = max(p.bottom for p in self.phrases)
        self.size = max(p.size for p in self.phrases)


def inside(x: float, y: float, boxes: list[Box]) -> bool:
    return any(b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1 for b in boxes)


def monospaced_advance(row: list[dict]) -> float:
    """The advance of a fixed-pitch face (every glyph as wide as the next), whose word
    space is a whole character wide; 0 for a proportional face. Counts the glyphs of the
    row's commonest face, so an arrow or tick from another font does not hide it."""
    visible = [c for c in row if c["text"].strip()]
    fonts = [c.get("fontname", "") for c in visible]
    face = max(set(fonts), key=fonts.count) if fonts else ""
    widths = sorted(c["x1"] - c["x0"] for c in visible if c.get("fontname", "") == face)
    if len(widths) < 8:
        return 0.0
    typical = widths[len(widths) // 2]
    return typical if widths[-1] - widths[0] <= 0.05 * typical else 0.0


def fixed_pitch_faces(chars: list[dict]) -> dict[str, float]:
    """The page's fixed-pitch faces, each with its advance as a share of the font size:
    faces whose letters are all as wide as each other (`i` as `m`). A face set at two
    widths (a table squeezed to fit its page, a note beside it at full width) is fixed
    pitch when each width holds letters of every shape."""
    glyphs: dict[str, list[tuple[float, str]]] = {}
    for c in chars:
        if c["text"].strip() and c.get("size"):
            glyphs.setdefault(c.get("fontname", ""), []).append(((c["x1"] - c["x0"]) / c["size"], c["text"]))
    faces = {}
    for face, found in glyphs.items():
        widths = _steady_widths(sorted(found))
        steady = sum(len(run) for run in widths)
        if len(found) >= 8 and widths and len(widths) <= MAX_WIDTHS and steady >= 0.98 * len(found):
            commonest = max(widths, key=len)
            faces[face] = commonest[len(commonest) // 2][0]
    return faces


def _steady_widths(found: list[tuple[float, str]]) -> list[list[tuple[float, str]]]:
    """Runs of glyphs of one width (to 5 %) holding three letters or more: in a
    fixed-pitch face every letter, in a proportional one a share of them."""
    runs: list[list[tuple[float, str]]] = []
    for ratio, text in found:
        if runs and ratio - runs[-1][0][0] <= 0.05 * runs[-1][0][0]:
            runs[-1].append((ratio, text))
        else:
            runs.append([(ratio, text)])
    return [run for run in runs if len({t for _, t in run if t.isalpha()}) >= 3]


def _pitch(row: list[dict], faces: dict[str, float]) -> float:
    """What a fixed-pitch string adds between two glyphs beyond their boxes (character
    spacing, most often 0): the commonest small gap of the row."""
    gaps = sorted(b["x0"] - a["x1"] for a, b in zip(row, row[1:])
                  if a["text"].strip() and b["text"].strip() and a.get("fontname") in faces
                  and b["x0"] - a["x1"] < 0.3 * (a["x1"] - a["x0"]))
    return gaps[len(gaps) // 2] if gaps else 0.0


def parts_cells(previous: dict, char: dict, spaced: bool, row_spaced: bool, faces: dict[str, float], spacing: float) -> bool:
    """Whether the white space before `char` parts two cells. In a proportional face a
    gap wider than a word space does. A fixed-pitch string sets every glyph a whole
    number of advances from its start, so there two spaces part cells, and so does a
    gap off that grid (text placed on its own) or a one-space gap with no space
    character in it where the row's strings write their spaces."""
    size = char.get("size") or 6.0
    gap = char["x0"] - previous["x1"]
    face = char.get("fontname", "")
    if face not in faces or previous.get("fontname", "") != face:
        return gap > PHRASE_GAP * size
    advance = previous["x1"] - previous["x0"]  # every glyph of the face as wide, at its size and squeeze
    steps = (gap - spacing) / (advance + spacing)
    if steps > MONO_GAP:
        return True
    if steps < 0.5:
        return False
    return abs(steps - round(steps)) > OFF_GRID or (row_spaced and not spaced)


def text_lines(chars: list[dict], page_height: float, exclude: list[Box]) -> list[Line]:
    """Lines of phrases, leaving out characters in `exclude` and in the page margins."""
    kept = []
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if cy < page_height * PAGE_MARGIN or cy > page_height * (1 - PAGE_MARGIN):
            continue
        if not inside(cx, cy, exclude):
            kept.append(char)
    faces = fixed_pitch_faces(kept)
    rows: list[list[dict]] = []
    row_centre = 0.0
    for char in sorted(kept, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        centre = (char["top"] + char["bottom"]) / 2
        if rows and abs(centre - row_centre) <= (char.get("size") or 6.0) * 0.35:
            rows[-1].append(char)
            continue
        rows.append([char])
        row_centre = centre
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        spacing = _pitch(row, faces) if faces else 0.0
        row_spaced = any(not c["text"].strip() for c in row)
        phrases, current, previous, spaced = [], [], None, False
        for char in row:
            if previous is not None and char["text"].strip():
                if parts_cells(previous, char, spaced, row_spaced, faces, spacing) and "".join(c["text"] for c in current).strip() not in BULLETS:
                    if any(c["text"].strip() for c in current):
                        phrases.append(Phrase.of(current))
                    current = []
            current.append(char)
            if char["text"].strip():
                previous, spaced = char, False
            else:
                spaced = True
        if any(c["text"].strip() for c in current):
            phrases.append(Phrase.of(current))
        if phrases:
            lines.append(Line(phrases))
    return _centred_figures_joined(lines)


def _centred_figures_joined(lines: list[Line]) -> list[Line]:
    """A figure centred beside a label wrapped over lines sits on a baseline between two
    of theirs, on a line of its own that neither holds the label nor reads as a row; it
    joins the label line above, as if set level with its top, so that the row reads as a
    wrapped label with its value."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        below = lines[index + 1] if index + 1 < len(lines) else None
        if out and _figures_beside(line, out[-1], first=True) and (
                below is None or not _overlapping(line, below) or _figures_beside(line, below, first=False)):
            out[-1] = Line(out[-1].phrases + line.phrases)
        else:
            out.append(line)
    return out


def _overlapping(a: Line, b: Line) -> bool:
    """Half a line off each other, not a line apart."""
    return min(a.bottom, b.bottom) - max(a.top, b.top) > BESIDE_OVERLAP * min(a.size, b.size)


def _figures_beside(figures: Line, label: Line, first: bool) -> bool:
    """`figures` holds only figures, set right of `label`'s words and overlapping their
    line; a label's first line holds no figure (a later one may: `6 months`)."""
    return (all(is_number(p.text) for p in figures.phrases) and not (first and any(is_number(p.text) for p in label.phrases))
            and _overlapping(figures, label) and label.phrases[-1].x1 < figures.phrases[0].x0
            and figures.size <= 1.25 * label.size)


def lines_outside(lines: list[Line], boxes: list[Box]) -> list[Line]:
    """The lines, less the phrases that lie in any of the boxes."""
    out = []
    for line in lines:
        kept = [p for p in line.phrases if not inside((p.x0 + p.x1) / 2, (p.top + p.bottom) / 2, boxes)]
        if kept:
            out.append(line if len(kept) == len(line.phrases) else Line(kept))
    return out


def side_by_side(a: Line, b: Line) -> bool:
    """Two lines at overlapping heights whose phrases stand clear of each other: cells of
    one row set at different heights (a value centred beside a wrapped label)."""
    if a.top >= b.bottom or b.top >= a.bottom:
        return False
    return all(q.x1 <= p.x0 or p.x1 <= q.x0 for p in a.phrases for q in b.phrases)


def _left_of(line: Line, x: float) -> bool:
    return all(p.x1 < x for p in line.phrases)


def joined_label_lines(lines: list[Line]) -> list[Line]:
    """A row label wrapped over lines with the row's values set on a line of their own
    between two of them (values centred on a two- or four-line label) is one row: the
    value line overlaps the label lines above and below it, which no two rows do. The
    label's lines, and those stacked on at the same pitch, join the value line as one
    phrase, so the row reads as one line whatever the wrap."""
    out = _figures_parted(lines)
    index = 1
    while index < len(out) - 1:
        above, values, below = out[index - 1], out[index], out[index + 1]
        start = values.phrases[0].x0
        interleaved = (above.bottom > values.top and below.top < values.bottom and below.top >= above.bottom - 0.5
                       and len(above.phrases) == len(below.phrases) == 1 and _left_of(above, start) and _left_of(below, start)
                       and any(any(ch.isdigit() for ch in p.text) for p in values.phrases))
        if not interleaved:
            wrapped = _wrapped_cells_row(above, values, below)
            if wrapped is not None:
                out[index - 1:index + 2] = [wrapped]
            index += 1
            continue
        pitch = below.top - above.bottom + 0.25 * values.size
        first, last = index - 1, index + 1
        while first > 0 and _stacks_on(out[first - 1], out[first], pitch, start):
            first -= 1
        while last < len(out) - 1 and _stacks_on(out[last], out[last + 1], pitch, start):
            last += 1
        label = [p for line in out[first:last + 1] if line is not values for p in line.phrases]
        joined = Line([Phrase.of([c for p in sorted(label, key=lambda p: p.top) for c in p.chars])] + values.phrases)
        out[first:last + 1] = [joined]
        index = first + 1
    return out


def _wrapped_cells_row(above: Line, values: Line, below: Line) -> Line | None:
    """One row whose cells wrap over two lines (`429 of` / `446`, `2015 /` / `16`) with its
    one-line cells centred between them: the middle line overlaps the lines above and
    below, which no two rows do, and every phrase of the lower line sits under one of the
    upper line's, a line's pitch below, clear of the middle line's cells. Each wrapped
    cell's two phrases become one; the row reads as one line."""
    if not (above.bottom > values.top and below.top < values.bottom and below.top >= above.bottom - 0.5):
        return None
    if not all(q.x1 <= p.x0 or p.x1 <= q.x0 for p in values.phrases for q in above.phrases + below.phrases):
        return None
    if not all(is_number(p.text) or p.text.strip() in DASHES for p in values.phrases):
        return None  # staggered header lines overlap each other too
    upper: dict[int, list[Phrase]] = {}
    for p in below.phrases:
        over = [q for q in above.phrases if min(p.x1, q.x1) - max(p.x0, q.x0) > 0]
        if len(over) != 1 or p.top - over[0].bottom > WRAP_GAP * p.size:
            return None
        upper.setdefault(id(over[0]), []).append(p)
    if any(len(parts) > 1 for parts in upper.values()):
        return None
    phrases = [Phrase.of(q.chars + upper[id(q)][0].chars) if id(q) in upper else q for q in above.phrases]
    return Line(phrases + values.phrases)


def _figures_parted(lines: list[Line]) -> list[Line]:
    """Figures joined to the label line above them (text_lines) are parted from it again
    where the label's next line overlaps them too: the figures sit between two label lines."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        below = lines[index + 1] if index + 1 < len(lines) else None
        label, figures = line.phrases[0], line.phrases[1:]
        parted = (below is not None and figures and len(below.phrases) == 1 and all(is_number(p.text) for p in figures)
                  and min(p.top for p in figures) > label.top + BESIDE_OVERLAP * label.size
                  and below.top < min(p.bottom for p in figures) and _left_of(below, figures[0].x0))
        out.extend([Line([label]), Line(figures)] if parted else [line])
    return out


def _stacks_on(upper: Line, lower: Line, pitch: float, start: float) -> bool:
    """Two label lines of one cell: both left of the values, one pitch apart, left edges together."""
    return (_left_of(upper, start) and _left_of(lower, start) and 0 <= lower.top - upper.bottom <= pitch
            and abs(upper.phrases[0].x0 - lower.phrases[0].x0) <= lower.size and len(upper.phrases) == len(lower.phrases) == 1)
