"""Documents per minute with 1 and 2 worker processes, through the project's Dagster definitions.

    .venv/bin/python benchmarks/parallel_extraction.py [--copies 3] [--workers 1 2]

Each sample report is copied `--copies` times into a temporary landing folder (distinct
file names, so distinct partitions), then loaded as `make demo` and `python -m
orchestration.cli load --workers N` load them: one extract_documents run per document
(orchestration.loading.load_documents), recorded in a temporary Dagster instance, into a
fresh warehouse. The build is left out: this measures extraction and storing only. The
time includes starting the worker processes (each imports Dagster and builds the
definitions once).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")

from dagster import DagsterInstance  # noqa: E402

from orchestration.definitions import build_definitions  # noqa: E402
from orchestration.landing import describe, landing_pdfs  # noqa: E402
from orchestration.loading import load_documents  # noqa: E402
from orchestration.settings import WarehouseSettings  # noqa: E402

SAMPLES = ROOT / "data" / "sample_reports"


def landing_with_copies(folder: Path, copies: int) -> list[Path]:
    folder.mkdir(parents=True)
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        for copy in range(1, copies + 1):
            shutil.copyfile(pdf, folder / pdf.name.replace("__dev.pdf", f"__copy{copy}.pdf"))
    return landing_pdfs(folder)


def pages_of(paths: list[Path]) -> int:
    import pdfplumber

    total = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def measure(work: Path, landing: Path, workers: int) -> tuple[float, int]:
    run_dir = work / f"workers_{workers}"
    settings = WarehouseSettings(
        landing_dir=str(landing), warehouse=str(run_dir / "warehouse.duckdb"), output_dir=str(run_dir / "output")
    )
    files = [describe(path) for path in landing_pdfs(landing)]
    (run_dir / "dagster_home").mkdir(parents=True)
    shutil.copyfile(ROOT / ".dagster_home" / "dagster.yaml", run_dir / "dagster_home" / "dagster.yaml")
    instance = DagsterInstance.local_temp(str(run_dir / "dagster_home"))
    try:
        started = time.perf_counter()
        loads = load_documents(
            build_definitions(settings), instance, files, "benchmark", progress=False, workers=workers, settings=settings
        )
        seconds = time.perf_counter() - started
    finally:
        instance.dispose()
    return seconds, sum(load.success for load in loads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="copies of each sample report (default 3)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csc_parallel_") as tmp:
        work = Path(tmp)
        landing = work / "landing"
        documents = landing_with_copies(landing, args.copies)
        pages = pages_of(documents)
        print(f"{len(documents)} documents, {pages} pages; CPU cores: {os.cpu_count()}; load average {os.getloadavg()}")
        print(f"{'workers':>7} {'seconds':>8} {'loaded':>7} {'docs/min':>9} {'pages/s':>8} {'speed-up':>8}")
        first = None
        for workers in args.workers:
            seconds, loaded = measure(work, landing, workers)
            first = first or seconds
            print(f"{workers:7d} {seconds:8.1f} {loaded:7d} {60 * len(documents) / seconds:9.1f} "
                  f"{pages / seconds:8.1f} {first / seconds:8.2f}")


if __name__ == "__main__":
    main()
