"""End to end: a full load of the sample reports against one new report dropped into a loaded warehouse.

    .venv/bin/python benchmarks/end_to_end.py [--demo] [--workers N]

Both loads run `python -m orchestration.cli load` (the command an engineer runs; `make demo`
runs the same jobs) in a fresh process, on temporary folders, until the scorecards and the
serving copy are written:

- full rebuild: the eight sample reports into an empty warehouse (every document extracted,
  every model built, every scorecard drawn);
- incremental: seven of them loaded first (not timed), then the eighth (Rotherham, December
  2020: a 47-page report) dropped in and loaded: one document extracted, the incremental
  models rebuilding that document only, and only the scorecards whose rows changed drawn.

Each is split into its Dagster steps (from the runs recorded in a temporary instance).
With --demo, `make demo` itself is timed too, twice, from a warm environment (the venv and
the dbt manifest made by `make setup`): first with the demo's warehouse and outputs removed
(data/warehouse, data/output: what a new user's first `make demo` does after setup), then
again with everything already loaded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "sample_reports"
NEW_DOCUMENT = "rotherham_monthly__2020-12__dev.pdf"
QUIET = {"DAGSTER_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def cli_load(home: Path, paths: list[Path], workers: int) -> float:
    env = {
        **os.environ,
        **QUIET,
        "DAGSTER_HOME": str(home / "dagster_home"),
        "CSC_LANDING_DIR": str(home / "landing"),
        "CSC_WAREHOUSE": str(home / "warehouse" / "warehouse.duckdb"),
        "CSC_OUTPUT_DIR": str(home / "output"),
        "CSC_EXTRACT_WORKERS": str(workers),
    }
    command = [sys.executable, "-m", "orchestration.cli", "load", "--no-progress", *map(str, paths)]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"load failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return seconds


def fresh_home(work: Path, name: str) -> Path:
    home = work / name
    (home / "dagster_home").mkdir(parents=True)
    (home / "landing").mkdir()
    shutil.copyfile(ROOT / ".dagster_home" / "dagster.yaml", home / "dagster_home" / "dagster.yaml")
    return home


def step_seconds(home: Path, since: float) -> dict[str, float]:
    """Seconds per step of the runs started after `since` (extraction summed over its runs)."""
    from dagster import DagsterInstance, RunsFilter

    totals: dict[str, float] = defaultdict(float)
    instance = DagsterInstance.from_config(str(home / "dagster_home"))
    try:
        for run in instance.get_runs(RunsFilter()):
            record = instance.get_run_record_by_id(run.run_id)
            if record.start_time is None or record.start_time < since:
                continue
            for step in instance.get_run_step_stats(run.run_id):
                if step.start_time and step.end_time:
                    name = "extract (all documents)" if run.job_name == "extract_documents" else step.step_key
                    totals[name] += step.end_time - step.start_time
    finally:
        instance.dispose()
    return dict(totals)


def timed_make_demo() -> list[tuple[str, float]]:
    env = {**os.environ, **QUIET}
    for name in ("CSC_LANDING_DIR", "CSC_WAREHOUSE", "CSC_OUTPUT_DIR", "CSC_SERVING_DB", "CSC_PARQUET_DIR"):
        env.pop(name, None)
    shutil.rmtree(ROOT / "data" / "warehouse", ignore_errors=True)
    shutil.rmtree(ROOT / "data" / "output", ignore_errors=True)
    figures = []
    for label in ("make demo, empty warehouse", "make demo again, nothing new"):
        started = time.perf_counter()
        completed = subprocess.run(["make", "demo"], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        figures.append((label, time.perf_counter() - started))
        if completed.returncode != 0:
            raise SystemExit(f"make demo failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", action="store_true", help="also time `make demo` (replaces data/warehouse)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="extraction worker processes")
    args = parser.parse_args()
    samples = sorted(SAMPLES.glob("*.pdf"))
    print(f"CPU cores: {os.cpu_count()}; extraction workers: {args.workers}; load average {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="csc_end_to_end_") as tmp:
        work = Path(tmp)
        full_home = fresh_home(work, "full")
        started = time.time()
        full = cli_load(full_home, samples, args.workers)
        full_steps = step_seconds(full_home, started)

        incremental_home = fresh_home(work, "incremental")
        cli_load(incremental_home, [p for p in samples if p.name != NEW_DOCUMENT], args.workers)
        started = time.time()
        incremental = cli_load(incremental_home, [SAMPLES / NEW_DOCUMENT], args.workers)
        incremental_steps = step_seconds(incremental_home, started)

    print(f"\n{'load':58} {'wall s':>7}")
    print(f"{'full rebuild: 8 sample reports into an empty warehouse':58} {full:7.1f}")
    print(f"{'incremental: 1 new report into the warehouse of the other 7':58} {incremental:7.1f}")
    print(f"{'incremental / full':58} {incremental / full:7.2f}")
    print(f"\n{'step (seconds inside Dagster runs)':40} {'full':>7} {'incremental':>11}")
    for step in sorted(set(full_steps) | set(incremental_steps), key=lambda s: -full_steps.get(s, 0)):
        print(f"{step:40} {full_steps.get(step, 0):7.1f} {incremental_steps.get(step, 0):11.1f}")
    if args.demo:
        print()
        for label, seconds in timed_make_demo():
            print(f"{label:58} {seconds:7.1f}")


if __name__ == "__main__":
    main()
