"""Cells read right on the real-world set (public PDFs from camelot's and pdfplumber's
tests, tests/fixtures/realworld), per file beside camelot's stream reader on the same page.

    .venv/bin/python benchmarks/realworld.py [--expected DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract import extract_document  # noqa: E402
from score_realworld import count_found, expected_triples, result_triples  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "realworld"
# camelot 2.0.0 stream, no options, on the expected page (`score_realworld.py --camelot`, 2026-12-06).
CAMELOT_STREAM = {
    "WARN-Report-for-7-1-2015-to-03-25-2016": 108,
    "background_lines_1": 37,
    "health": 161,
    "superscript": 299,
    "twotables_2": 77,
    "us-007": 0,
    "us-030": 30,
}


def score_file(expected_path: Path) -> tuple[str, int, int]:
    """(stem, cells found, cells expected) for one PDF of the set."""
    stem = expected_path.name[: -len(".expected.json")]
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    result = extract_document(expected_path.with_name(stem + ".pdf"))
    if result.error:
        raise SystemExit(f"{stem}: {result.error}")
    page = expected.get("page", 1)
    cells = [
        {"row_label": c.row_label, "column_label": c.column_label, "value": c.value_text}
        for c in result.cells
        if c.page == page
    ]
    triples = expected_triples(expected)
    return stem, count_found(triples, result_triples({"cells": cells})), len(triples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--expected", type=Path, default=FIXTURES, help="folder of <pdf>.expected.json beside their PDFs")
    args = parser.parse_args()
    print(f"{'file':42} {'found':>6} {'expected':>8} {'camelot':>8}")
    total_found = total_expected = total_camelot = 0
    for path in sorted(args.expected.glob("*.expected.json")):
        stem, found, expected = score_file(path)
        camelot = CAMELOT_STREAM.get(stem)
        print(f"{stem:42} {found:>6} {expected:>8} {'' if camelot is None else camelot:>8}")
        total_found, total_expected, total_camelot = total_found + found, total_expected + expected, total_camelot + (camelot or 0)
    share = 100.0 * total_found / total_expected if total_expected else 0.0
    print(f"camelot stream: {total_camelot}/{total_expected} cells")
    print(f"realworld: {total_found}/{total_expected} cells ({share:.1f} %)")


if __name__ == "__main__":
    main()
