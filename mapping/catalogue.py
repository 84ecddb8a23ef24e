"""The seeds suggestions are made from: the indicator catalogue and the crosswalk rows that
already map printed labels of each report family."""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
INDICATORS_SEED = SEEDS / "indicators.csv"
CROSSWALK_SEED = SEEDS / "indicator_crosswalk.csv"


@dataclass(frozen=True)
class Indicator:
    indicator_code: str
    indicator_name: str
    domain: str
    unit: str
    polarity: str
    national_code: str
    lait_measure_short: str
    definition: str


@dataclass(frozen=True)
class CrosswalkRow:
    """One row of seeds/indicator_crosswalk.csv, its columns in the seed's order."""

    family: str
    source_table_title: str
    source_group: str
    source_code: str
    source_label: str
    match_on: str
    indicator_code: str
    period_basis: str
    note: str

    def covers_family(self, family: str | None) -> bool:
        """Whether the row's family pattern (SQL LIKE) matches a family, as the crosswalk join does."""
        pattern = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in self.family)
        return re.fullmatch(pattern, family or "", re.DOTALL) is not None

    def as_row(self) -> dict[str, str]:
        return asdict(self)


CROSSWALK_COLUMNS: list[str] = [f.name for f in fields(CrosswalkRow)]


def read_indicators(path: Path = INDICATORS_SEED) -> list[Indicator]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            Indicator(**{name: (row.get(name) or "").strip() for name in Indicator.__dataclass_fields__})
            for row in csv.DictReader(handle)
        ]


def read_crosswalk(path: Path = CROSSWALK_SEED) -> list[CrosswalkRow]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(CROSSWALK_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: not a crosswalk seed, columns {sorted(missing)} missing")
        return [CrosswalkRow(**{name: row[name] or "" for name in CROSSWALK_COLUMNS}) for row in reader]
