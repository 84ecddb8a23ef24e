"""What a redrawn report must still print to be known as its family: the identifying words of
extract/families.toml and its edition date, worded as the family's own reports word them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Identity:
    title: str  # the cover or first-page title line
    subtitle: str  # council and committee
    edition: str  # the as-at line the family's edition pattern reads
    council: str


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def identity_of(document: str) -> Identity:
    """The title lines of a document of the corpus, from its family and the edition in its name
    (`family__2020-10__...`, `family__2020-09-10__...`, `ne_kpi__2017-q1__...`)."""
    family, edition = document.split("__")[:2]
    if family == "ne_kpi":
        fy_start, quarter = re.fullmatch(r"(\d{4})-q([1-4])", edition).groups()
        return Identity(f"Children's Key Performance Indicators - Quarter {quarter}", "Performance Data",
                        f"Financial year {fy_start} {int(fy_start) + 1}", "Children's Social Care")
    parts = [int(p) for p in edition.split("-")]
    if family == "rotherham_monthly":
        month = f"{calendar.month_name[parts[1]]} {parts[0]}"
        return Identity(f"Safeguarding Children & Families Monthly Performance Report – {month}",
                        "Children and Young People's Services", f"As at Month End: {month}",
                        "Rotherham Metropolitan Borough Council")
    when = date(*parts)
    if family == "lancashire_cpb_pack":
        return Identity(f"Corporate Parenting Board – {when.day} {calendar.month_name[when.month]} {when.year}",
                        "Lancashire County Council", "Performance information for the Board",
                        "Lancashire County Council")
    if family == "lancashire_annex_a":
        return Identity("Lancashire County Council – Children's Social Care – Annex A", "Children's Social Care",
                        f"Annex A Data As At: {when:%d/%m/%Y}", "Lancashire County Council")
    if family == "surrey_cfllc":
        return Identity("CFLLC Performance Information",
                        "Provided for Children, Families, Lifelong Learning & Culture Select Committee",
                        f"{calendar.day_name[when.weekday()]} {_ordinal(when.day)} {calendar.month_name[when.month]} "
                        f"{when.year}", "Surrey County Council")
    raise ValueError(f"{document}: no title lines known for family {family!r}")
