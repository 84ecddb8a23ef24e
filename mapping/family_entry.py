"""Propose the extract/families.toml entry of a report no known family matches, from its
first pages: the council, the words that identify it (its title and the council), and the
pattern of its edition date. The entry is checked against the text it came from before it is
shown: it must recognise the document and read its edition."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from extract.families import Family, load_registry
from extract.opening import check_has_text, open_pdf
from extract.reader import RECOGNITION_PAGES
from mapping.catalogue import SEEDS

_QUARTER_TO_YEAR = 3000  # characters between a quarter and the financial year it is of, at most
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Date shapes, most precise first, each with the pattern families.toml gets (named groups:
# a quarter of a financial year, or a period "April 2019 - March 2020", is as at its last
# day) and whether the shape's own words anchor it (a bare "2017/18 Q1" needs no words before).
_DATE_SHAPES = (
    (
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}\b", re.I),
        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})",
        False,
    ),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"), r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})", False),
    (
        re.compile(rf"\b{_MONTH}\s+\d{{4}}\s*(?:-|–|to)\s*{_MONTH}\s+\d{{4}}\b", re.I),
        r"[A-Za-z]+\s+\d{4}\s*(?:-|–|to)\s*(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})",
        True,
    ),
    (
        re.compile(r"\b20\d\d\s*[-/]\s*\d\d\s*Q[1-4]\b", re.I),
        r"(?P<fy_start>20\d\d)\s*[-/]\s*\d\d\s*Q(?P<quarter>[1-4])",
        True,
    ),
    (
        re.compile(r"\b(?:Q|Quarter\s*)[1-4]\s*[,:]?\s*20\d\d\s*[-/]\s*\d\d\b", re.I),
        r"(?:Q|Quarter\s*)(?P<quarter>[1-4])\s*[,:]?\s*(?P<fy_start>20\d\d)\s*[-/]\s*\d\d",
        True,
    ),
    (re.compile(rf"\b{_MONTH}\s+\d{{4}}\b", re.I), r"(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})", False),
    # the quarter in the title and its financial year printed apart on the page ("Quarter 1"
    # ... "2017 2018"): the first financial year after the quarter, within the first page's text
    (
        re.compile(rf"\b(?:Q|Quarter\s*)[1-4]\b[\s\S]{{0,{_QUARTER_TO_YEAR}}}?\b20\d\d\s*(?:[-/]\s*(?:20)?\d\d|\s+20\d\d)\b", re.I),
        r"(?:Q|Quarter\s*)(?P<quarter>[1-4])\b[\s\S]*?\b(?P<fy_start>20\d\d)\s*(?:[-/]\s*(?:20)?\d\d|\s+20\d\d)\b",
        True,
    ),
)
# Words a first page's largest print can be that say nothing of the report ("Agenda Item 5").
_NOT_A_TITLE = frozenset("agenda item items appendix annex annexe minutes part no page contents".split())
_COUNCIL = re.compile(
    r"\b((?:[A-Z][a-z]+(?:\s+(?:and|upon|on)\s+|\s+))*?[A-Z][a-z]+)\s+"
    r"(?:County\s+|City\s+|Metropolitan\s+Borough\s+|Borough\s+|District\s+)?Council\b"
)
ANCHOR_WORDS = 3  # words before the edition date that anchor its pattern


@dataclass(frozen=True)
class FamilyProposal:
    name: str
    council: str
    title: str
    match: tuple[str, ...]
    edition: tuple[str, ...]
    edition_read: str | None  # the edition date the proposed patterns read from the document

    def as_toml(self) -> str:
        def strings(values: tuple[str, ...]) -> str:
            return "[" + ", ".join(_toml_literal(v) for v in values) + "]"

        return (
            "[[family]]\n"
            f"name = {_toml_literal(self.name)}\n"
            f"council = {_toml_literal(self.council)}\n"
            f"title = {_toml_literal(self.title)}\n"
            f"match = {strings(self.match)}\n"
            f"edition = {strings(self.edition)}\n"
        )


def _toml_literal(value: str) -> str:
    """A TOML literal string (no escapes: regular expressions stay readable), basic if it holds a quote."""
    if "'" not in value and "\n" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def first_pages_text(path: Path) -> tuple[str, str]:
    """The text extraction recognises families from, and the title (title_of) of its first
    page that has one."""
    with open_pdf(path) as pdf:
        check_has_text(pdf, path)
        pages = pdf.pages[:RECOGNITION_PAGES]
        text = "\n".join(page.extract_text() or "" for page in pages)
        for page in pages:
            if title := title_of(page.extract_words(extra_attrs=["size"])):
                return text, title
    return text, ""


def title_of(words: list[dict]) -> str:
    """The page's largest print (its first line, with the lines of that size just below);
    where that only says "Agenda" or "Appendix A" (a board pack), the page's top line, its
    running header; "" if neither says anything."""
    if not words:
        return ""
    largest = max(w["size"] for w in words)
    title_words = sorted((w for w in words if w["size"] >= 0.95 * largest), key=lambda w: (round(w["top"]), w["x0"]))
    top = title_words[0]["top"]
    title = " ".join(w["text"] for w in title_words if abs(w["top"] - top) < largest * 1.5).strip()
    if _says_something(title):
        return title
    for line_top in sorted({round(w["top"]) for w in words}):
        line = " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]) if round(w["top"]) == line_top).strip()
        if _says_something(line):
            return line
    return ""


def _says_something(line: str) -> bool:
    return bool(set(re.findall(r"[a-z]{2,}", line.lower())) - _NOT_A_TITLE)


def known_councils(path: Path = SEEDS / "org_units.csv") -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["org_unit_name"] for row in csv.DictReader(handle) if row["org_unit_type"] == "council"]


def council_in(text: str, councils: list[str]) -> str | None:
    """The council a report names: one the warehouse knows, else "X (County) Council"."""
    for council in councils:
        if re.search(rf"\b{re.escape(council)}\b", text):
            return council
    found = _COUNCIL.search(text)
    return found.group(1).strip() if found else None


def _phrase_pattern(phrase: str) -> str:
    return r"\s*".join(re.escape(word) for word in phrase.split())


def identifying_title(title: str) -> str:
    """The title's words up to the first that holds a number (a date, a quarter, an issue):
    those change from one edition to the next."""
    words = []
    for word in title.split():
        if re.search(r"\d", word):
            break
        words.append(word)
    while words and (not re.search(r"\w", words[-1]) or words[-1].lower() in {"quarter", "month", "as", "at", "at:"}):
        words.pop()
    return " ".join(words[:8]) or title


def edition_pattern(text: str) -> str | None:
    """A pattern for the first date printed in the text, anchored on the words before it."""
    for shape, group_pattern, anchors_itself in _DATE_SHAPES:
        for found in shape.finditer(text):
            line_start = text.rfind("\n", 0, found.start()) + 1
            before = re.findall(r"[A-Za-z][A-Za-z&']*:?", text[line_start : found.start()])[-ANCHOR_WORDS:]
            if not before and not anchors_itself:
                continue
            anchor = r"\W+".join(re.escape(word.rstrip(":")) for word in before)
            pattern = rf"{anchor}[\s,:–-]*{group_pattern}" if before else group_pattern
            if re.search(pattern, text, re.I):
                return pattern
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower().replace("'", "")).strip("_")


def propose_family_entry(path: Path, registry: list[Family] | None = None) -> FamilyProposal:
    """The entry for a document; raises ValueError naming the file if a known family already
    matches it or its first pages give no title."""
    registry = registry if registry is not None else load_registry()
    text, title = first_pages_text(path)
    for family in registry:
        if family.matches(text):
            raise ValueError(
                f"{path.name}: already of the known family {family.name} (load it again so that its cells carry the family)"
            )
    if not title:
        raise ValueError(f"{path.name}: no title found on its first page")
    council = council_in(text, known_councils()) or "unknown council"
    match = [_phrase_pattern(identifying_title(title))]
    if council != "unknown council" and council.lower() not in title.lower():
        match.append(_phrase_pattern(council))
    edition = edition_pattern(text)
    name = _slug(f"{council if council != 'unknown council' else ''} {' '.join(identifying_title(title).split()[:4])}")
    names = {family.name for family in registry}
    while name in names:
        name += "_2"
    proposal_family = Family(name, council, title, tuple(match), (edition,) if edition else ())
    if not proposal_family.matches(text):
        raise ValueError(f"{path.name}: the proposed identifying words {match} do not match its own text")
    return FamilyProposal(
        name, council, title, tuple(match), proposal_family.edition, proposal_family.edition_of(text)
    )
