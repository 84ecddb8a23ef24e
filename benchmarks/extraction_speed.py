"""Pages per second of the extraction beside pdfplumber's own page parsing (every page's
characters and rectangles loaded) on the same PDFs, measured in one run.

    .venv/bin/python benchmarks/extraction_speed.py [PDF ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_document  # noqa: E402


def raw_parse(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars, page.rects  # noqa: B018 - loading them is the work measured
        return len(pdf.pages)


def main() -> None:
    pdfs = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "data" / "sample_reports").glob("*.pdf"))
    print(f"{'document':44} {'pages':>5} {'raw p/s':>8} {'extract p/s':>11} {'ratio':>6}")
    total_pages = total_raw = total_extract = 0.0
    for pdf in pdfs:
        start = time.perf_counter()
        pages = raw_parse(pdf)
        raw = time.perf_counter() - start
        start = time.perf_counter()
        extract_document(pdf)
        extract = time.perf_counter() - start
        total_pages, total_raw, total_extract = total_pages + pages, total_raw + raw, total_extract + extract
        print(f"{pdf.name:44} {pages:5d} {pages / raw:8.1f} {pages / extract:11.1f} {extract / raw:6.2f}")
    print(f"{'TOTAL':44} {int(total_pages):5d} {total_pages / total_raw:8.1f} {total_pages / total_extract:11.1f} {total_extract / total_raw:6.2f}")
    print("ratio = extraction time / pdfplumber parse time (lower is better)")


if __name__ == "__main__":
    main()
