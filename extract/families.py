"""Recognise which known report a document is, from its words, through the registry in
families.toml; a document of no known family is still read, and said to be unrecognised."""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REGISTRY = Path(__file__).with_name("families.toml")

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


@dataclass(frozen=True)
class Family:
    name: str
    council: str
    title: str
    match: tuple[str, ...]
    edition: tuple[str, ...]

    def matches(self, text: str) -> bool:
        return all(re.search(p, text, re.IGNORECASE) for p in self.match)

    def edition_of(self, text: str) -> str | None:
        """The date the report is as at, ISO formatted; month and quarter editions give
        the period's last day."""
        for pattern in self.edition:
            found = re.search(pattern, text, re.IGNORECASE)
            if found and (when := _date_of(found.groupdict())):
                return when.isoformat()
        return None


def _date_of(parts: dict[str, str | None]) -> date | None:
    try:
        if parts.get("quarter") and parts.get("fy_start"):
            quarter, fy_start = int(parts["quarter"]), int(parts["fy_start"])
            end_month = 3 * quarter + 3
            year = fy_start if end_month <= 12 else fy_start + 1
            end_month = end_month if end_month <= 12 else end_month - 12
            return date(year, end_month, calendar.monthrange(year, end_month)[1])
        month_text = (parts.get("month") or "").lower()
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        year = int(parts.get("year") or 0)
        if not month or not year:
            return None
        day = int(parts["day"]) if parts.get("day") else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except (ValueError, KeyError):
        return None


def load_registry(path: Path = REGISTRY) -> list[Family]:
    with open(path, "rb") as handle:
        entries = tomllib.load(handle)["family"]
    return [
        Family(e["name"], e["council"], e["title"], tuple(e["match"]), tuple(e.get("edition", ())))
        for e in entries
    ]


def recognise(text: str, registry: list[Family] | None = None) -> Family | None:
    for family in registry if registry is not None else load_registry():
        if family.matches(text):
            return family
    return None
