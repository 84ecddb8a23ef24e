"""Which rows make which scorecard: the council-wide figures, the scorecards to draw, their order.

Kept apart from the renderers so the rules for "what is the council's own
figure" and "which value is latest" are written once and tested once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from scorecards.records import ScorecardRow

# Org-unit codes the mart uses for a whole council's figure (besides no org unit at all).
COUNCIL_WIDE_CODES = frozenset({"council", "la", "all", "total", "whole_council", "la_total"})

OTHER_DOMAIN = "Other indicators"


def is_council_wide(row: ScorecardRow) -> bool:
    """A row for the whole council, not one district or team of it.

    The mart says so by giving the council's own org unit (council_org_unit_code);
    without that column, a missing or council-named org unit counts.
    """
    code = (row.org_unit_code or "").strip().lower()
    if row.council_org_unit_code:
        return code == row.council_org_unit_code.strip().lower()
    name = (row.org_unit_name or "").strip().lower()
    return not code or code in COUNCIL_WIDE_CODES or name == row.council.strip().lower()


@dataclass(frozen=True, order=True)
class ScorecardKey:
    """One council and one edition of its report (a source document): one scorecard, one grid.

    An edition reports one period (month end December 2020, data as at 01/09/2020),
    though its rows mix kinds of period: months, rolling 12 months, terms.
    """

    council: str
    edition: str


def edition_of(row: ScorecardRow) -> str:
    """The source document a row comes from (the period key if the mart gives none)."""
    return row.source_document or row.period_key


def natural_key(text: str | None) -> tuple:
    """'1.10' after '1.9', 'A2' after 'A1': codes sorted as a person numbers them."""
    parts = re.split(r"(\d+)", text or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in parts if p)


def _row_order(row: ScorecardRow) -> tuple:
    return (row.source_page if row.source_page is not None else 10**6, natural_key(row.indicator_code))


def one_per_indicator(rows: Iterable[ScorecardRow]) -> list[ScorecardRow]:
    """One row per indicator and org unit; where two documents report it, the later document wins.

    Later by source document name, which carries the edition date in this
    project's file naming; ties keep the row with a value.
    """
    chosen: dict[tuple[str, str | None], ScorecardRow] = {}
    for row in rows:
        key = (row.indicator_code, row.org_unit_code)
        held = chosen.get(key)
        if held is None or _prefer(row, held):
            chosen[key] = row
    return list(chosen.values())


def _prefer(new: ScorecardRow, held: ScorecardRow) -> bool:
    if (new.value is None) != (held.value is None):
        return new.value is not None
    return (new.source_document or "") > (held.source_document or "")


def in_print_order(rows: Sequence[ScorecardRow]) -> list[ScorecardRow]:
    """Domains in the order the reports print them (first page they appear on), indicators within."""
    first_seen: dict[str, tuple] = {}
    for row in rows:
        domain = row.domain or OTHER_DOMAIN
        first_seen[domain] = min(first_seen.get(domain, (10**7,)), _row_order(row))
    return sorted(rows, key=lambda r: (first_seen[r.domain or OTHER_DOMAIN], r.domain or OTHER_DOMAIN, _row_order(r)))


def scorecard_keys(rows: Iterable[ScorecardRow]) -> list[ScorecardKey]:
    """Every council and edition with at least one council-wide row: one council scorecard each."""
    return sorted({ScorecardKey(r.council, edition_of(r)) for r in rows if is_council_wide(r)})


def org_unit_keys(rows: Iterable[ScorecardRow]) -> list[ScorecardKey]:
    """Every council and edition reported for two or more districts or teams: one grid each."""
    units: dict[ScorecardKey, set[str | None]] = {}
    for row in rows:
        if not is_council_wide(row):
            units.setdefault(ScorecardKey(row.council, edition_of(row)), set()).add(row.org_unit_code)
    return sorted(key for key, found in units.items() if len(found) >= 2)


def rows_for(rows: Iterable[ScorecardRow], key: ScorecardKey) -> list[ScorecardRow]:
    return [r for r in rows if r.council == key.council and edition_of(r) == key.edition]


def latest_council_wide(rows: Iterable[ScorecardRow], indicator_code: str) -> list[ScorecardRow]:
    """Each council's latest council-wide value of one indicator (rows without a value skipped, but
    a quarantined one kept: the benchmark scorecard lists it, unranked, as "check source")."""
    latest: dict[str, ScorecardRow] = {}
    for row in rows:
        if row.value is None and not row.quarantine_reason:
            continue
        if row.indicator_code != indicator_code or not is_council_wide(row):
            continue
        held = latest.get(row.council)
        if held is None or _later(row, held):
            latest[row.council] = row
    return list(latest.values())


def _later(new: ScorecardRow, held: ScorecardRow) -> bool:
    new_end = new.period_end or date.min
    held_end = held.period_end or date.min
    if new_end != held_end:
        return new_end > held_end
    return (new.source_document or "") > (held.source_document or "")
