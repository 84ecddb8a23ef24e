"""Source notes: which PDF and page each number on a scorecard was read from.

A board member who doubts a figure should be able to open the report it came
from at the right page; the notes name every document and its pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from scorecards.records import ScorecardRow


def page_ranges(pages: Iterable[int]) -> str:
    """Pages as a reader writes them: 2–4, 7, 9."""
    ordered = sorted(set(pages))
    parts: list[str] = []
    start = prev = None
    for page in ordered:
        if start is None:
            start = prev = page
        elif page == prev + 1:  # type: ignore[operator]
            prev = page
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = page
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(parts)


def source_lines(rows: Iterable[ScorecardRow]) -> list[str]:
    """One line per source document, naming the pages its rows came from, documents in name order."""
    pages: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        if row.source_document:
            found = pages[row.source_document]  # a document with no page still gets its line
            if row.source_page is not None:
                found.add(row.source_page)
    lines = []
    for document in sorted(pages):
        found = pages[document]
        where = f", page{'s' if len(found) > 1 else ''} {page_ranges(found)}" if found else ", page not recorded"
        lines.append(f"Source: {document}{where}.")
    return [*(lines or ["Source: no source document recorded."]), *check_source_lines(rows)]


CHECK_SOURCE = "check source"


def check_source_text(row: ScorecardRow) -> str:
    """What a scorecard shows in place of a quarantined value: never the number, the printed text."""
    return f"{CHECK_SOURCE}: {row.value_text}" if row.value_text else CHECK_SOURCE


def check_source_lines(rows: Iterable[ScorecardRow]) -> list[str]:
    """One note per quarantined value: what was printed where, and why it is not shown as a number."""
    return [
        f"Check source: {row.indicator_name} ({row.org_unit_name or row.org_unit_code}, "
        f"{row.period_label or row.period_key}) printed '{row.value_text or ''}' in {row.source_document}"
        f"{f', page {row.source_page}' if row.source_page is not None else ''}: {row.quarantine_reason}; "
        "not shown as a number."
        for row in rows
        if row.quarantine_reason
    ]
