"""Parse a printed cell ("972 of 1666", "2.71% (7)", "12.3% (2017)", "407 days") into numbers.

Parsing never raises: text that is not a number stays text, with no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+"
_WS = re.compile(r"\s+")
# A marker glued to a figure: a symbol or superscript figure, or the official-statistics
# shorthands for revised and provisional, '(r)', '[p]'.
_FOOTNOTE_MARK = re.compile(r"(?<=[\d%])(?:\s?[*†‡§¶#¹²³⁴⁵⁶⁷⁸⁹⁰]+|\s?[(\[][rp][)\]])$")

_N_OF_M = re.compile(rf"({_NUMBER})\s+of\s+({_NUMBER})(?:\s+({_NUMBER})\s*%)?")
_OF_M = re.compile(rf"of\s+({_NUMBER})")
_WITH_BRACKET = re.compile(rf"({_NUMBER})\s*(%?)\s*\((\d[\d,]*(?:\.\d+)?)\)")
_PLAIN = re.compile(rf"(?:£\s*)?({_NUMBER})\s*(%|days?|per\s*10,?000|weeks?)?", re.IGNORECASE)

# A bracketed 4-digit year after a value is the benchmark's vintage, not a count.
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class ParsedValue:
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    bracket_count: float | None = None
    vintage: str | None = None
    unit: str = "text"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit_of_suffix(suffix: str | None) -> str:
    if not suffix:
        return "unknown"
    suffix = suffix.lower()
    if suffix == "%":
        return "percent"
    if suffix.startswith("day"):
        return "days"
    if suffix.startswith("week"):
        return "weeks"
    return "rate_per_10k"


def without_footnote_mark(text: str) -> str:
    """'12.3¹', '1*', '45 (r)' print a figure with a footnote marker; the marker is not the value."""
    return _FOOTNOTE_MARK.sub("", text)


def parse_value(text: str | None) -> ParsedValue:
    """Read the numbers a printed cell holds; `unit` comes from the text alone
    ('unknown' for a bare number whose unit only the row or column states)."""
    printed = _WS.sub(" ", (text or "").strip())
    if not printed:
        return ParsedValue()
    match = _N_OF_M.fullmatch(printed)
    if match:
        percent = match.group(3)
        return ParsedValue(
            value=_number(percent) if percent else None,
            numerator=_number(match.group(1)),
            denominator=_number(match.group(2)),
            unit="percent" if percent else "count",
        )
    match = _OF_M.fullmatch(printed)
    if match:
        total = _number(match.group(1))
        return ParsedValue(value=total, denominator=total, unit="count")
    match = _WITH_BRACKET.fullmatch(printed)
    if match:
        value, percent, bracket = match.groups()
        unit = "percent" if percent else "unknown"
        if _YEAR.fullmatch(bracket):
            return ParsedValue(value=_number(value), vintage=bracket, unit=unit)
        return ParsedValue(value=_number(value), bracket_count=_number(bracket), unit=unit)
    match = _PLAIN.fullmatch(printed)
    if match:
        return ParsedValue(value=_number(match.group(1)), unit=_unit_of_suffix(match.group(2)))
    return ParsedValue()


def is_number(text: str) -> bool:
    """Text that reads as a figure (a number, a percentage, 'n of m'): a number never
    continues wrapped text, and a row of them is a row of values. A footnote marker glued
    to it (`4,331¹`, `87%*`) leaves it a figure."""
    parsed = parse_value(without_footnote_mark(text))
    return parsed.value is not None or parsed.numerator is not None


def unit_from_context(parsed: ParsedValue, *labels: str) -> str:
    """Resolve an 'unknown' unit from what the row or column says of itself."""
    if parsed.unit != "unknown":
        return parsed.unit
    context = " ".join(labels).lower()
    if re.search(r"per 10,?000|per 10k|10k pop|rate \(per|\brate\b", context):
        return "rate_per_10k"
    if "%" in context or "percent" in context or "proportion" in context:
        return "percent"
    if re.search(r"\bdays\b", context):
        return "days"
    return "count"
