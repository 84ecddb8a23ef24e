"""Label / value pairs printed outside tables: headline cards ('384' in large type over
'CPP ended in 6 months') and lines of a label followed, well apart, by its figure."""

from __future__ import annotations

from statistics import median

from extract.cells import TableCell
from extract.grid import GridCell
from extract.lines import Line, Phrase
from extract.values import is_number

CARD_SIZE = 1.5  # × body text size: a figure this large is a headline
LABEL_REACH = 2.5  # × the figure's size: how far from it its label may sit
PAIR_GAP = 2.0  # × text size: the white space between a label and its figure


def _is_label(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 3 and not is_number(text) and len(text.split()) <= 12


def _found(label: str, figure: Phrase) -> TableCell:
    cell = GridCell(0, 0, 1, 1, figure.x0, figure.top, figure.x1, figure.bottom, text=figure.text)
    return TableCell("headlines", None, label, "", "", 1, figure.text, None, cell)


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
            if _is_label(label.text) and is_number(figure.text) and gap >= PAIR_GAP * line.size:
                found.append(_found(label.text, figure))
    return found


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
