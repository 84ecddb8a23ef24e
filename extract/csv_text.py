"""Text written to CSV or Excel that a spreadsheet would not run as a formula.

A cell whose text starts with =, +, -, @, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (CSV injection); printed text
from a PDF can start that way. A leading apostrophe makes it plain text again.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """The value with a leading ' if it is text a spreadsheet would take for a formula; non-strings unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
