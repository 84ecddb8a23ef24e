"""Render every scorecard of a kind into the output folder: each council and edition, each indicator.

The Dagster assets call these; they are plain functions so a test or a script
can render the same files without Dagster. Each kind owns its sub-folder of the
output folder: a scorecard whose inputs are unchanged keeps its files without its
table being built (export.py), and files of scorecards the warehouse no longer
holds are removed, so the folder shows exactly what the warehouse holds now.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path

from scorecards.benchmark import build_benchmark_table
from scorecards.council import build_council_table, period_heads, row_series
from scorecards.export import ExportedScorecard, Scorecard, export_scorecard
from scorecards.inputs import inputs_fingerprint
from scorecards.org_unit import build_org_unit_table
from scorecards.png import PngWriter
from scorecards.records import ScorecardRow, TrendPoint
from scorecards.selection import (
    ScorecardKey,
    is_council_wide,
    latest_council_wide,
    natural_key,
    one_per_indicator,
    org_unit_keys,
    rows_for,
    scorecard_keys,
)
from scorecards.style import most_common
from scorecards.trend import TrendIndex

COUNCIL, BENCHMARK, ORG_UNIT = "council", "benchmark", "org_unit"
KINDS = (COUNCIL, ORG_UNIT, BENCHMARK)


def slug(text: str) -> str:
    """A file-name-safe lower-case name: 'Chorley & South Ribble' -> 'chorley-south-ribble'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def kind_folder(output_dir: Path, kind: str) -> Path:
    """<output>/scorecards/<kind>/."""
    folder = output_dir / "scorecards" / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_stale(folder: Path, done: list[ExportedScorecard]) -> list[ExportedScorecard]:
    """Delete the HTML and PNG files of the folder that no scorecard of this run wrote or kept, and
    write the folder's catalog of what is left; `done` back."""
    current = {d.name for d in done}
    for old in folder.iterdir():
        if old.is_file() and old.suffix in (".html", ".png") and old.stem not in current:
            old.unlink()
    catalog = {d.name: {"title": d.title, "council": d.council, "period": d.period} for d in done}
    catalog_path(folder).write_text(json.dumps(catalog, indent=1, sort_keys=True), encoding="utf-8")
    return done


def catalog_path(folder: Path) -> Path:
    """<output>/scorecards/<kind>.json beside the kind's folder: what each scorecard shows, for the index page."""
    return folder.with_name(f"{folder.name}.json")


def read_catalog(folder: Path) -> dict[str, dict[str, str]]:
    """The catalog remove_stale wrote (empty if none): scorecard name -> title, council, period."""
    try:
        return json.loads(catalog_path(folder).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _several(values: Sequence[str], most: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, C and 4 more'."""
    if len(values) > most:
        return f"{', '.join(values[:most])} and {len(values) - most} more"
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} and {values[-1]}"


def _key_name(key: ScorecardKey) -> str:
    """council__edition, e.g. rotherham__rotherham-monthly-2020-12-dev."""
    return f"{slug(key.council)}__{slug(Path(key.edition).stem)}"


def render_council_scorecards(
    rows: Sequence[ScorecardRow], trend: Sequence[TrendPoint], output_dir: Path, png: PngWriter
) -> list[ExportedScorecard]:
    """One scorecard per council and reporting period that has council-wide figures."""
    folder = kind_folder(output_dir, COUNCIL)
    index = TrendIndex.of(trend)
    done = []
    for key in scorecard_keys(rows):
        chosen = one_per_indicator([r for r in rows_for(rows, key) if is_council_wide(r)])
        title = f"{key.council} scorecard, {period_heads(chosen).latest}"
        inputs = inputs_fingerprint(COUNCIL, title, key.council, chosen, [row_series(r, index) for r in chosen])
        build = partial(build_council_table, key.council, chosen, index)
        card = Scorecard(
            COUNCIL, _key_name(key), title, inputs, build, council=key.council, period=period_heads(chosen).latest
        )
        done.append(export_scorecard(card, folder, png))
    return remove_stale(folder, done)


def render_benchmark_scorecards(
    rows: Sequence[ScorecardRow], output_dir: Path, png: PngWriter
) -> list[ExportedScorecard]:
    """One ranked table per canonical indicator that at least one council reports a number for (or a
    quarantined value, listed unranked as "check source")."""
    folder = kind_folder(output_dir, BENCHMARK)
    done = []
    for code in sorted({r.indicator_code for r in rows}, key=natural_key):
        latest = latest_council_wide(rows, code)
        if not latest:
            continue  # text-only, or reported by districts only: nothing to rank
        title = f"Benchmark: {most_common(r.indicator_name for r in latest) or code}"
        inputs = inputs_fingerprint(BENCHMARK, title, code, latest)
        build = partial(build_benchmark_table, code, latest)
        councils = sorted({r.council for r in latest})
        newest_first = sorted(latest, key=lambda r: r.period_end or date.min, reverse=True)
        periods = list(dict.fromkeys(r.period_label for r in newest_first if r.period_label))
        card = Scorecard(
            BENCHMARK, slug(code), title, inputs, build, council=_several(councils), period=_several(periods)
        )
        done.append(export_scorecard(card, folder, png))
    return remove_stale(folder, done)


def render_org_unit_scorecards(
    rows: Sequence[ScorecardRow], output_dir: Path, png: PngWriter
) -> list[ExportedScorecard]:
    """One district-and-team grid per council and period reported for two or more org units."""
    folder = kind_folder(output_dir, ORG_UNIT)
    done = []
    for key in org_unit_keys(rows):
        chosen = one_per_indicator(rows_for(rows, key))
        label = most_common(r.period_label for r in chosen) or key.edition
        title = f"{key.council} by district and team, {label}"
        inputs = inputs_fingerprint(ORG_UNIT, title, key.council, label, chosen)
        build = partial(build_org_unit_table, key.council, label, chosen)
        card = Scorecard(ORG_UNIT, _key_name(key), title, inputs, build, council=key.council, period=label)
        done.append(export_scorecard(card, folder, png))
    return remove_stale(folder, done)
