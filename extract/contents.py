"""Contents pages: entries naming a page of this document ('Table 1: Referrals ...... 3').
They print figures that are page numbers, not values, whether the entries come out as a
small table or as lone label / figure lines.

An entry points to a page: its number is a page of the document, a later one than the list's
own, or one that prints the entry's words (its heading or caption)."""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.grid import Grid

PageText = Callable[[int], str]  # the text printed on a page, by page number

_PAGE_NUMBER = re.compile(r"[0-9]{1,4}")
_LEADER = re.compile(r"(?:\s*[.·…_]){3,}\s*$")  # dot leaders running to the page number
_DIGIT = re.compile(r"\d")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def prints_words(label: str, number: int, page_text: PageText) -> bool:
    """Whether page `number` prints the label's words, three letters at least."""
    words = _words(_LEADER.sub("", label))
    return sum(ch.isalpha() for ch in words) >= 3 and words in _words(page_text(number))


def is_contents(grid: Grid, pages: int, page_text: PageText | None = None) -> bool:
    """A list of contents: entries whose only figures are page numbers of this document,
    rising down the list. A row with no digits beside its label (a running head caught
    above the list) is no entry and does not count against it. A list pointing back to its
    own page or before may be a small table of counts: with the document's text, at least
    half its entries must then name words their page prints."""
    entries: list[tuple[str, list[str]]] = []
    for row in range(grid.n_rows):
        cells = grid.row_cells(row)
        figures = [c.text for c in cells if c.col > 0 and c.text]
        if any(_DIGIT.search(f) for f in figures):
            entries.append((" ".join(c.text for c in cells if c.col == 0 and c.text), figures))
    figures = [f for _, found in entries for f in found]
    if len(figures) < 2 or not all(_PAGE_NUMBER.fullmatch(f) for f in figures):
        return False
    numbers = [int(f) for f in figures]
    if not (all(a <= b for a, b in zip(numbers, numbers[1:])) and 1 <= numbers[0] and numbers[-1] <= pages):
        return False
    if page_text is None or numbers[0] > grid.page:
        return True
    named = sum(1 for label, found in entries if prints_words(label, int(found[-1]), page_text))
    return 2 * named >= len(entries)


def is_contents_entry(label: str, figure: str, page_number: int, pages: int, page_text: PageText,
                      alone: bool = False) -> bool:
    """A lone 'label   n' line that points to a later page n whose table the label names:
    its words are printed on page n or after it (a caption set below a table that runs
    on over pages), or it is the only figure its page prints, no table beside it (a
    contents page listing one table whose caption is not printed)."""
    if not _PAGE_NUMBER.fullmatch(figure.strip()):
        return False
    number = int(figure)
    return page_number < number <= pages and (alone or any(prints_words(label, n, page_text) for n in range(number, pages + 1)))
