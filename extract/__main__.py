"""python -m extract FILE.pdf ... --csv OUT.csv: read reports into cells, for engineers and grading."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from extract.csv_text import neutralised_row
from extract.reader import extract_document
from extract.records import CELL_COLUMNS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__)
    parser.add_argument("pdfs", nargs="+", type=Path, help="PDF files or folders of PDFs")
    parser.add_argument("--csv", type=Path, help="write the cells here (default: standard output)")
    args = parser.parse_args(argv)
    paths = [p for arg in args.pdfs for p in (sorted(arg.glob("*.pdf")) if arg.is_dir() else [arg])]
    out = open(args.csv, "w", newline="", encoding="utf-8") if args.csv else sys.stdout
    failed = 0
    try:
        writer = csv.DictWriter(out, fieldnames=CELL_COLUMNS)
        writer.writeheader()
        for path in paths:
            result = extract_document(path)
            writer.writerows(neutralised_row(cell.as_row()) for cell in result.cells)
            if result.error:
                failed += 1
                print(f"error: {result.error}", file=sys.stderr)
            else:
                family = result.family or "unrecognised"
                print(f"{path.name}: {family}, {result.pages} pages, {len(result.cells)} cells", file=sys.stderr)
            for warning in result.warnings:
                print(f"warning: {warning}", file=sys.stderr)
    finally:
        if args.csv:
            out.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
