"""Text made safe for spreadsheets: a CSV cell Excel would run as a formula is written as text.

A PDF can print `=HYPERLINK(...)`, `+44 ...` or `-2+3`; opened in Excel or LibreOffice, a cell
starting with =, +, -, @, a tab or a carriage return is read as a formula. A single quote in
front makes the program show the text as printed. A plain signed number (`-0.05`, `+7%`) and a
dash placeholder (`-`) are left as printed: a spreadsheet reads them as a number or as text,
never as a formula, and whoever reads the CSV by program gets what the report printed.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HARMLESS = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)%?|-+")


def neutralise_formula(value: object) -> object:
    """The value with a ' prefixed if it is text that starts like a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not HARMLESS.fullmatch(value):
        return "'" + value
    return value


def as_printed(value: str) -> str:
    """A cell read back from a CSV this project wrote, without the quote neutralise_formula added."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def neutralised_row(row: dict) -> dict:
    """A CSV row (a dict) with each of its text values neutralised."""
    return {key: neutralise_formula(value) for key, value in row.items()}
