"""Where extraction time goes and how much memory a document takes.

Prints, per sample document, the peak resident memory of a fresh process that extracts
it; then a profile of extracting them all: the share of time spent in pdfplumber and
pdfminer against the project's own code, and the top functions by own time.

    .venv/bin/python benchmarks/extraction_profile.py [PDF ...]
"""

from __future__ import annotations

import cProfile
import multiprocessing
import pstats
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_document  # noqa: E402


def _peak_rss_mib(path: str) -> tuple[int, float]:
    result = extract_document(path)
    return len(result.cells), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bucket(filename: str) -> str:
    if "/extract/" in filename:
        return "project (extract/)"
    if "pdfminer" in filename:
        return "pdfminer"
    if "pdfplumber" in filename:
        return "pdfplumber"
    return "other (stdlib, builtins)"


def main() -> None:
    pdfs = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "data" / "sample_reports").glob("*.pdf"))
    print(f"{'document':44} {'cells':>6} {'peak MiB':>9}")
    context = multiprocessing.get_context("spawn")
    for pdf in pdfs:
        with context.Pool(1) as pool:
            cells, peak = pool.apply(_peak_rss_mib, (str(pdf),))
        print(f"{pdf.name:44} {cells:6d} {peak:9.1f}")

    profiler = cProfile.Profile()
    profiler.enable()
    for pdf in pdfs:
        extract_document(pdf)
    profiler.disable()
    stats = pstats.Stats(profiler)
    totals: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        totals[_bucket(filename)] = totals.get(_bucket(filename), 0.0) + own
    whole = sum(totals.values())
    print(f"\n{'where the time goes (own time, profiled)':44} {'share':>6}")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{name:44} {100 * seconds / whole:5.1f}%")
    print("\ntop functions by own time")
    stats.sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
