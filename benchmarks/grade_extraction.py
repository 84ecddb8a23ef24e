"""Grade the extraction against the truth of every sample report, as printed and with its
rules and fills stripped (an unruled layout of the same reports).

    .venv/bin/python benchmarks/grade_extraction.py [--skip-unruled]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_document  # noqa: E402
from extract.records import CELL_COLUMNS  # noqa: E402

SAMPLES = ROOT / "data" / "sample_reports"
TRUTH = ROOT / "tests" / "fixtures" / "truth"


def strip_rules(source: Path, target: Path) -> None:
    """Remove every vector path (rules, cell fills, charts), keeping the text where it was."""
    pdf = pdfium.PdfDocument(source)
    for page in pdf:
        for obj in [o for o in page.get_objects() if o.type == pdfium_raw.FPDF_PAGEOBJ_PATH]:
            page.remove_obj(obj)
        page.gen_content()
    pdf.save(target)


def grade(pdfs: list[Path], workdir: Path, label: str) -> dict:
    out = workdir / f"{label}.csv"
    with open(out, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CELL_COLUMNS)
        writer.writeheader()
        for pdf in pdfs:
            writer.writerows(c.as_row() for c in extract_document(pdf).cells)
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "score.py"), "--truth", str(TRUTH), "--extracted", str(out), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(run.stdout)


def print_table(title: str, report: dict) -> None:
    print(f"\n{title}")
    print(f"{'document':44} {'truth':>6} {'recall':>8} {'extracted':>9} {'precision':>9}")
    for name, d in sorted(report["documents"].items()):
        print(f"{name:44} {d['truth']:6d} {d['recall']:7.2f}% {d['extracted']:9d} {d['precision'] or 0:8.2f}%")
    t = report["total"]
    print(f"{'TOTAL':44} {t['truth']:6d} {t['recall']:7.2f}% {t['extracted']:9d} {t['precision'] or 0:8.2f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-unruled", action="store_true")
    args = parser.parse_args()
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        print_table("As printed (ruled tables, RAG fills)", grade(pdfs, workdir, "printed"))
        if not args.skip_unruled:
            unruled = workdir / "unruled"
            unruled.mkdir()
            for pdf in pdfs:
                strip_rules(pdf, unruled / pdf.name)
            print_table(
                "Unruled layout (rules, fills and charts removed: colour-only RAG cells cannot be read)",
                grade(sorted(unruled.glob("*.pdf")), workdir, "unruled"),
            )


if __name__ == "__main__":
    main()
