"""Layout-variation bench: the corpus truth drawn again as new PDFs in many layouts, read with
the project's reader and graded against the truth each drawing writes.

    .venv/bin/python benchmarks/layout_variants.py [--seed 13] [--variants 40] [--only easy,v07]
        [--out DIR] [--keep] [--workers N] [--list] [--examples] [--ablation [BASE]]

Each variant is a value of every named dimension (benchmarks/variants/layouts.py: page size and
orientation, face and size, rules, zebra bands, header band, alignment, label wrap, spanning
headers, page breaks, captions, running heads and page numbers, footnotes, RAG palette and
status style, a chart beside a table, cover and contents pages) and prints, for every report
family, a few tables of one of its sample reports with the family's title and edition. Prints
recall and precision per variant and per dimension value; the last line is the overall figure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.variants.grading import CAUSES, VariantOutcome, run_variant  # noqa: E402
from benchmarks.variants.layouts import DIMENSIONS, Variant, ablation_variants, layout_named, variants  # noqa: E402
from benchmarks.variants.source import SourceTable, load_truth, source_tables  # noqa: E402

TRUTH = ROOT / "tests" / "fixtures" / "truth"
COUNTS = ("truth", "recalled", "extracted", "matched")


@lru_cache(maxsize=1)
def corpus_tables() -> tuple[SourceTable, ...]:
    return tuple(source_tables(load_truth(TRUTH)))


def _run(args: tuple[Variant, str]) -> VariantOutcome:
    variant, out = args
    return run_variant(variant, list(corpus_tables()), Path(out) / variant.name)


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:6.2f}" if b else "     -"


def print_variants(outcomes: list[VariantOutcome]) -> None:
    print(f"{'variant':24} {'truth':>6} {'recall':>7} {'extracted':>9} {'precision':>9}  {'worst document':44} "
          f"{'recall':>7} {'prec.':>7}  not recognised")
    for o in outcomes:
        t = o.total
        scored = [d for d in o.documents if d.counts]
        worst = min(scored, key=lambda d: (d.counts["recall"] or 0) + (d.counts["precision"] or 0)) if scored else None
        unknown = ", ".join(d.family for d in o.documents if not d.recognised) or "-"
        w = (f"{worst.name:44} {pct(worst.counts['recalled'], worst.counts['truth']):>7} "
             f"{pct(worst.counts['matched'], worst.counts['extracted']):>7}") if worst else ""
        print(f"{o.variant.name:24} {t['truth']:6d} {pct(t['recalled'], t['truth']):>7} {t['extracted']:9d} "
              f"{pct(t['matched'], t['extracted']):>9}  {w}  {unknown}")


def dimension_table(outcomes: list[VariantOutcome]) -> dict[str, dict[object, dict[str, int]]]:
    table: dict[str, dict[object, dict[str, int]]] = {d: defaultdict(lambda: dict.fromkeys(COUNTS + ("variants",), 0))
                                                      for d in DIMENSIONS}
    for o in outcomes:
        for dimension, value in o.variant.dimensions().items():
            row = table[dimension][value]
            row["variants"] += 1
            for k in COUNTS:
                row[k] += o.total[k]
    return table


def print_dimensions(outcomes: list[VariantOutcome]) -> None:
    print(f"\n{'dimension':14} {'value':18} {'variants':>8} {'truth':>6} {'recall':>7} {'extracted':>9} {'precision':>9}")
    for dimension, values in dimension_table(outcomes).items():
        for value in DIMENSIONS[dimension]:
            if value in values:
                r = values[value]
                print(f"{dimension:14} {str(value):18} {r['variants']:8d} {r['truth']:6d} "
                      f"{pct(r['recalled'], r['truth']):>7} {r['extracted']:9d} {pct(r['matched'], r['extracted']):>9}")


def print_families(outcomes: list[VariantOutcome]) -> None:
    rows: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS + ("documents", "unrecognised"), 0))
    for o in outcomes:
        for d in o.documents:
            row = rows[d.family]
            row["documents"] += 1
            row["unrecognised"] += not d.recognised
            for k in COUNTS:
                row[k] += d.counts.get(k, 0)
    print(f"\n{'family':22} {'documents':>9} {'not recognised':>14} {'truth':>6} {'recall':>7} {'extracted':>9} "
          f"{'precision':>9}")
    for family, r in sorted(rows.items()):
        print(f"{family:22} {r['documents']:9d} {r['unrecognised']:14d} {r['truth']:6d} "
              f"{pct(r['recalled'], r['truth']):>7} {r['extracted']:9d} {pct(r['matched'], r['extracted']):>9}")


def print_short_documents(outcomes: list[VariantOutcome]) -> None:
    """The goal is per document as well as overall: list every document read under 99 / 98."""
    short = [(o.variant.name, d) for o in outcomes for d in o.documents
             if d.counts and (d.counts["recalled"] < 0.99 * d.counts["truth"]
                              or d.counts["matched"] < 0.98 * d.counts["extracted"])]
    documents = sum(1 for o in outcomes for d in o.documents if d.counts)
    print(f"\ndocuments under 99 % recall or 98 % precision: {len(short)} of {documents}")
    for name, d in short:
        print(f"  {name:8} {d.name:44} {pct(d.counts['recalled'], d.counts['truth']):>7} "
              f"{pct(d.counts['matched'], d.counts['extracted']):>7}")


def print_causes(outcomes: list[VariantOutcome]) -> None:
    print(f"\n{'variant':24} missed cells: {'value not read':>14} {'wrong column':>12} {'wrong row':>9} "
          f"{'wrong both':>10}   extracted rows matching nothing: {'value printed in no cell':>24}")
    totals = dict.fromkeys(CAUSES, 0)
    for o in outcomes:
        c = o.causes
        for k in CAUSES:
            totals[k] += c.get(k, 0)
    for name, c in [(o.variant.name, o.causes) for o in outcomes] + [("TOTAL", totals)]:
        print(f"{name:24} {'':13} {c['value not read']:14d} {c['wrong column']:12d} {c['wrong row']:9d} "
              f"{c['wrong row and column']:10d}   {'':32} {c['read but no such value']:24d}")


def print_examples(outcomes: list[VariantOutcome]) -> None:
    for o in outcomes:
        print(f"\n{o.variant.name}: {o.variant.describe()}")
        for d in o.documents:
            for note in d.fitted:
                print("   set to fit", note)
        for m in o.missed[:8]:
            print("   missed   ", {k: m.get(k) for k in ("document", "page", "row_label", "column_label", "raw", "fill")})
        for u in o.unmatched[:8]:
            print("   unmatched", {k: u.get(k) for k in ("document", "page", "row_label", "column_label", "value_text",
                                                       "fill")})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--variants", type=int, default=40, help="how many variants, the three fixed ones included")
    parser.add_argument("--only", help="comma-separated variant names (easy, medium, hard, v01, ...)")
    parser.add_argument("--out", type=Path, help="folder for the PDFs and their truth (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the PDFs and truth files")
    parser.add_argument("--workers", type=int, default=1, help="variants drawn and read side by side")
    parser.add_argument("--list", action="store_true", help="list the variants and their dimensions, then stop")
    parser.add_argument("--examples", action="store_true", help="print missed and unmatched cells of each variant")
    parser.add_argument("--ablation", nargs="?", const="easy", metavar="BASE",
                        help="instead of the seeded variants: a base layout (default easy; e.g. 'easy rules=none') "
                             "with one dimension value changed at a time")
    args = parser.parse_args(argv)
    if args.ablation:
        try:
            chosen = ablation_variants(layout_named(args.ablation))
        except ValueError as error:
            parser.error(str(error))
    else:
        chosen = variants(args.seed, args.variants)
    if args.only:
        names = {n.strip() for n in args.only.split(",") if n.strip()}
        unknown = names - {v.name for v in chosen}
        if unknown:
            parser.error(f"no variant named {', '.join(sorted(unknown))} (see --list)")
        chosen = [v for v in chosen if v.name in names]
    if args.list:
        for v in chosen:
            print(f"{v.name:8} {v.describe()}")
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="layout-variants-"))
    started = time.perf_counter()
    jobs = [(v, str(out)) for v in chosen]
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            outcomes = list(pool.map(_run, jobs))
    else:
        outcomes = [_run(job) for job in jobs]
    elapsed = time.perf_counter() - started
    print_variants(outcomes)
    if not args.ablation:
        print_dimensions(outcomes)
    print_families(outcomes)
    print_causes(outcomes)
    print_short_documents(outcomes)
    if args.examples:
        print_examples(outcomes)
    dropped = sorted({t for o in outcomes for d in o.documents for t in d.dropped})
    if dropped:
        print(f"\ntables too wide to print on some variant's page (left out there): {', '.join(dropped)}")
    documents = sum(len(o.documents) for o in outcomes)
    pages = sum(1 for _ in out.rglob("*.pdf"))
    print(f"\n{documents} documents ({pages} PDFs) drawn, read and graded in {elapsed:.0f} s; seed {args.seed}; "
          f"files in {out}" + ("" if args.keep else " (removed)"))
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    totals = {k: sum(o.total[k] for o in outcomes) for k in COUNTS}
    print(f"layout variants: recall {pct(totals['recalled'], totals['truth']).strip()} %, "
          f"precision {pct(totals['matched'], totals['extracted']).strip()} % over {len(outcomes)} variants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
