"""Label / value pairs printed outside tables: headline cards ('384' in large type over
'CPP ended in 6 months') and lines of a label followed, well apart, by its figure."""

from __future__ import annotations

from statistics import median

from extract.cells import TableCell
from extract.grid import GridCell
from extract.lines import WRAP_GAP, Line, Phrase
from extract.values import is_number

CARD_SIZE = 1.5  # × body text size: a figure this large is a headline
LABEL_REACH = 2.5  # × the figure's size: how far from it its label may sit
PAIR_GAP = 2.0  # × text size: the white space between a label and its figure
LONE_PAIR_GAP = 1.0  # × text size: the same, on a line standing apart from the lines around it
LEVEL_GAP = 1.0  # × text size: a header line this close over a one-row table heads its figure
HEADER_LINES = 4  # the most header lines read over a one-row table


def _is_label(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 3 and not is_number(text) and len(text.split()) <= 12


def _found(label: str, figure: Phrase, header: str = "") -> TableCell:
    cell = GridCell(0, 0, 1, 1, figure.x0, figure.top, figure.x1, figure.bottom, text=figure.text)
    return TableCell("headlines", None, label, "", header, 1, figure.text, None, cell)


def headline_cells(lines: list[Line]) -> list[TableCell]:
    """Pairs among the text lines that no table took."""
    if not lines:
        return []
    body_size = median(p.size for line in lines for p in line.phrases)
    found = []
    for index, line in enumerate(lines):
        if len(line.phrases) == 1 and is_number(line.phrases[0].text) and line.size >= CARD_SIZE * body_size:
            figure = line.phrases[0]
            label = _card_label(lines, index, figure)
            if label:
                found.append(_found(label, figure))
        elif len(line.phrases) == 2:
            label, figure = line.phrases
            gap = figure.x0 - label.x1
            if not is_number(figure.text):
                continue
            wrapped, first = _wrapped_label(lines, index, label, figure)
            text = " ".join(p.text for p in wrapped)
            if _is_label(text) and (gap >= PAIR_GAP * line.size or len(wrapped) > 1
                                    or (gap >= LONE_PAIR_GAP * line.size and _stands_apart(lines, index))):
                found.append(_found(text, figure, _header_over(lines, first, wrapped, figure)))
    return found


def _stands_apart(lines: list[Line], index: int) -> bool:
    """No line within a wrap's gap above or below: a one-row table, not a line of a paragraph."""
    line = lines[index]
    return all(max(other.top - line.bottom, line.top - other.bottom) > WRAP_GAP * line.size
               for other in lines[max(index - 1, 0) : index] + lines[index + 1 : index + 2])


def _wrapped_label(lines: list[Line], index: int, label: Phrase, figure: Phrase) -> tuple[list[Phrase], int]:
    """The label with the lines it wraps over above and below (lone phrases flush with its
    left edge in its face, each a wrap's gap from the next, ending short of the figure; a
    line below may be a figure, `Rate per / 10,000`), and the index of its first line. A
    label wrapped in a narrow cell says it is a pair, however close its figure."""
    def wraps(p: Phrase, below: bool) -> bool:
        return (abs(p.x0 - label.x0) <= label.size and p.x1 < figure.x0 and p.bold == label.bold
                and abs(p.size - label.size) <= 0.5 and (below or not is_number(p.text)))
    stack, first = [label], index
    for step in (-1, 1):
        i, nearest = index + step, label
        while 0 <= i < len(lines) and len(lines[i].phrases) == 1 and wraps(lines[i].phrases[0], step > 0):
            p = lines[i].phrases[0]
            if (nearest.top - p.bottom if step < 0 else p.top - nearest.bottom) > WRAP_GAP * label.size:
                break
            if step < 0:
                stack.insert(0, p)
                first = i
            else:
                stack.append(p)
            i, nearest = i + step, p
    return stack, first


def _header_over(lines: list[Line], first: int, label: list[Phrase], figure: Phrase) -> str:
    """The header a one-row table sets over its figure (`Reported / figures` over `Lancs`):
    the lines stacked just above the label's first line, right of the label and over the
    figure; lines a wrap's gap apart make one cell, a wider gap a level above it."""
    levels: list[list[Phrase]] = []
    nearest_top, right_of = label[0].top, max(p.x1 for p in label)
    for line in reversed(lines[max(first - HEADER_LINES, 0) : first]):
        gap = nearest_top - line.bottom
        over = [p for p in line.phrases if p.x1 > figure.x0 and p.x0 < figure.x1]
        if gap > LEVEL_GAP * line.size or not over or any(p.x0 <= right_of for p in line.phrases) \
                or not all(p.bold or not is_number(p.text) for p in over):
            break
        if levels and gap <= WRAP_GAP * line.size:
            levels[-1][:0] = over
        else:
            levels.append(over)
        nearest_top = line.top
    return " > ".join(" ".join(p.text for p in level) for level in reversed(levels))


def _card_label(lines: list[Line], index: int, figure: Phrase) -> str | None:
    """The short text just below a card's figure (or else just above), under it."""
    for neighbour in (lines[index + 1 : index + 2], lines[max(index - 1, 0) : index]):
        for line in neighbour:
            distance = min(abs(line.top - figure.bottom), abs(figure.top - line.bottom))
            if distance > LABEL_REACH * figure.size:
                continue
            under = [p for p in line.phrases if p.x0 < figure.x1 + figure.size and p.x1 > figure.x0 - figure.size]
            if len(under) == 1 and _is_label(under[0].text):
                return under[0].text
    return None
