"""Scorecard drawing: every scorecard of a warehouse into an empty folder, then again with nothing changed.

    .venv/bin/python benchmarks/scorecard_drawing.py [WAREHOUSE] [--output DIR]

WAREHOUSE defaults to the demo's data/warehouse/warehouse.duckdb; it is copied to a
temporary folder and opened read-only there, so a load running beside this is never
blocked. The three kinds of scorecard are rendered as the Dagster assets render them
(one PngWriter per kind), into a temporary output folder:

- first: the folder is empty, so every scorecard is drawn (HTML and PNG);
- again: the same rows into the same folder, as an incremental load that touched none
  of them; only scorecards whose inputs changed should be drawn (none).

For each, the seconds per kind, the seconds spent writing PNGs and per PNG, and how
many scorecards were drawn. CSC_SCORECARD_PNG=0 times the HTML alone. With --output, the
files are drawn into DIR (which must be empty or absent) and kept, e.g. to compare the
PNGs of two versions of the code.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorecards.export import ExportedScorecard  # noqa: E402
from scorecards.png import PngResult, PngWriter  # noqa: E402
from scorecards.records import ScorecardRow, TrendPoint, scorecard_rows, trend_points  # noqa: E402
from scorecards.render import (  # noqa: E402
    render_benchmark_scorecards,
    render_council_scorecards,
    render_org_unit_scorecards,
)
from scorecards.warehouse import connect_read_only, read_scorecard, read_trend  # noqa: E402

DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse" / "warehouse.duckdb"

Draw = Callable[[list[ScorecardRow], list[TrendPoint], Path, PngWriter], list[ExportedScorecard]]
KINDS: dict[str, Draw] = {
    "council": render_council_scorecards,
    "benchmark": lambda rows, _trend, output, png: render_benchmark_scorecards(rows, output, png),
    "org_unit": lambda rows, _trend, output, png: render_org_unit_scorecards(rows, output, png),
}


@dataclass(frozen=True)
class Timing:
    """One kind rendered once: how long, how much of it went on PNGs, and how many were drawn.

    The PNG seconds include starting the browser, at the first PNG of each kind.
    """

    kind: str
    run: str
    scorecards: int
    drawn: int
    pngs: int
    seconds: float
    png_seconds: float

    @property
    def per_png(self) -> float | None:
        return self.png_seconds / self.pngs if self.pngs else None


def read_inputs(warehouse: Path, work: Path) -> tuple[list[ScorecardRow], list[TrendPoint]]:
    """The rows and sparkline values, from a read-only copy of the warehouse."""
    copy = work / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    with connect_read_only(copy) as con:
        return scorecard_rows(read_scorecard(con)), trend_points(read_trend(con))


def render_kind(kind: str, rows: list[ScorecardRow], trend: list[TrendPoint], output: Path, run: str) -> Timing:
    """Render one kind with its own PngWriter (started inside the timing, as the asset does)."""
    png_seconds, pngs = 0.0, 0
    started = time.perf_counter()
    with PngWriter() as png:
        save = png.save  # whatever its arguments: timed without knowing them

        def timed_save(*args: object, **kwargs: object) -> PngResult:
            nonlocal png_seconds, pngs
            began = time.perf_counter()
            result = save(*args, **kwargs)
            png_seconds += time.perf_counter() - began
            pngs += result.path is not None  # a skipped PNG is not one drawn
            return result

        png.save = timed_save  # type: ignore[method-assign]
        done = KINDS[kind](rows, trend, output, png)
    seconds = time.perf_counter() - started
    return Timing(kind, run, len(done), sum(d.redrawn for d in done), pngs, seconds, png_seconds)


def table(timings: list[Timing]) -> str:
    head = f"{'kind':<10} {'run':<6} {'scorecards':>10} {'drawn':>6} {'seconds':>8} {'PNG s':>7} {'s/PNG':>6}"
    lines = [head, "-" * len(head)]
    for t in timings:
        per_png = f"{t.per_png:.3f}" if t.per_png is not None else "-"
        lines.append(
            f"{t.kind:<10} {t.run:<6} {t.scorecards:>10} {t.drawn:>6} "
            f"{t.seconds:>8.2f} {t.png_seconds:>7.2f} {per_png:>6}"
        )
    for run in dict.fromkeys(t.run for t in timings):
        total = [t for t in timings if t.run == run]
        lines.append(
            f"{'all':<10} {run:<6} {sum(t.scorecards for t in total):>10} {sum(t.drawn for t in total):>6} "
            f"{sum(t.seconds for t in total):>8.2f} {sum(t.png_seconds for t in total):>7.2f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warehouse", nargs="?", type=Path, default=DEFAULT_WAREHOUSE)
    parser.add_argument("--output", type=Path, help="draw into this (empty) folder and keep the files")
    args = parser.parse_args()
    if args.output is not None and args.output.exists() and any(args.output.iterdir()):
        parser.error(f"{args.output} is not empty: the first run must draw every scorecard")
    with tempfile.TemporaryDirectory(prefix="csc-scorecard-drawing-") as folder:
        work = Path(folder)
        rows, trend = read_inputs(args.warehouse, work)
        print(f"{args.warehouse}: {len(rows)} scorecard rows, {len(trend)} trend points")
        output = args.output or work / "output"
        timings = [render_kind(kind, rows, trend, output, run) for run in ("first", "again") for kind in KINDS]
    print(table(timings))


if __name__ == "__main__":
    main()
