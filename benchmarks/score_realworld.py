#!/usr/bin/env python3
"""Score table extractions against the real-world expected cells (tests/fixtures/realworld,
public PDFs of other table-extraction projects; sources and licences in its README). Usage:
  python benchmarks/score_realworld.py RESULTS_DIR [--expected DIR]   # RESULTS_DIR holds <pdfstem>.json
  python benchmarks/score_realworld.py --camelot [--expected DIR] [--save DIR]   # baseline: camelot stream
  python benchmarks/score_realworld.py --csv CELLS.csv [--expected DIR]  # cells as `python -m extract ... --csv` writes them

A result file is either {"cells": [{"row_label", "column_label", "value"}, ...]}
or a table list: {"tables": [{"rows": [[...], ...]}]}, [{"rows": ...}] or [[[...]]].
For table lists, the row label is the first non-empty cell of the row and the column
label is every non-empty cell above the value in the same column, joined with ' '.
"""
import argparse, csv, glob, json, os, re, sys

SUP = re.compile(r"<s>.*?</s>")
ALT = "\x1f"  # separates alternative row labels of one extracted cell

def _base(s):
    s = SUP.sub("", str(s or "")).replace("\u2212", "-").lower()
    return re.sub(r"\s+", " ", s).strip()

def norm_label(s):
    s = re.sub(r"(\s*\.){2,}", " ", _base(s))          # dot leaders
    s = re.sub(r"\s*\(\d\)$|\s+\d$", "", s.strip(" .:"))  # trailing footnote marker
    return re.sub(r"\s+", " ", s).strip()

def norm_val(s):
    s = _base(s)
    t = re.sub(r"[,$%\u00a3\u20ac\s]", "", s)
    return t if re.fullmatch(r"[-+\u2013(]?\d[\d.]*\)?", t) else s

def col_labels(rows, h, given=None):
    """Per column: list of header parts (top to bottom); the last part is the leaf."""
    if given:
        return [g if isinstance(g, list) else [g] for g in given]
    n = max((len(r) for r in rows), default=0)
    return [[str(r[j]) for r in rows[:h] if j < len(r) and str(r[j]).strip()] for j in range(n)]

def toks(s):
    return {t.strip(".,:;") for t in re.sub(r"\(\d\)", " ", s).split()} - {""}

def expected_triples(exp):
    out = []
    for t in exp["tables"]:
        rows, h = t["rows"], t.get("header_rows", 1)
        labels = col_labels(rows, h, t.get("column_labels"))
        for r in rows[h:]:
            rc = t.get("row_label_col")
            if rc is None:
                rc = next((i for i, c in enumerate(r) if str(c).strip()), None)
            if rc is None or rc >= len(r): continue
            for j, v in enumerate(r):
                if j != rc and str(v).strip():
                    lab = labels[j] if j < len(labels) else []
                    out.append((norm_label(r[rc]), norm_label(lab[-1] if lab else ""), norm_val(v)))
    return out

def table_triples(rows):
    rows = [[("" if c is None else str(c)) for c in r] for r in rows]
    out = []
    for i, r in enumerate(rows):
        # Row label: the first non-empty cell, or else the first wordy one (a code may come first).
        first = next((k for k, c in enumerate(r) if c.strip()), None)
        if first is None: continue
        wordy = next((k for k, c in enumerate(r) if re.search(r"[^\W\d_]{3}", c)), first)
        label = ALT.join(dict.fromkeys((norm_label(r[first]), norm_label(r[wordy]))))
        for j, v in enumerate(r):
            if j != first and v.strip():
                above = " ".join(x[j] for x in rows[:i] if j < len(x) and x[j].strip())
                out.append((norm_label(r[first]) if j == wordy else label, norm_label(above), norm_val(v)))
    return out

def result_triples(obj):
    if isinstance(obj, dict) and "cells" in obj:
        return [(norm_label(c.get("row_label")), norm_label(c.get("column_label")), norm_val(c.get("value")))
                for c in obj["cells"]]
    tables = obj.get("tables", []) if isinstance(obj, dict) else obj
    out = []
    for t in tables:
        out += table_triples(t.get("rows", []) if isinstance(t, dict) else t)
    return out

def compat(e, x, col=False):
    """Row labels: equal or one contains the other. Columns: e is the expected leaf
    header; every word of it must occur in the extracted column label."""
    if not col and ALT in x: return any(compat(e, alt) for alt in x.split(ALT))
    if e == x or e == "": return True
    if not x: return False
    if col: return toks(e) <= toks(x)
    short, long_ = sorted((e, x), key=len)
    return len(short) >= 4 and short in long_

def count_found(exp, got):
    pool = {}
    for k, (r, c, v) in enumerate(got):
        pool.setdefault(v, []).append((r, c, k))
    used, found = set(), 0
    for r, c, v in exp:
        for gr, gc, k in pool.get(v, []):
            if k not in used and compat(r, gr) and compat(c, gc, True):
                used.add(k); found += 1; break
    return found

def csv_results(path):
    """Cells of a `--csv` file, per document stem, as result objects (value = printed text)."""
    by_doc = {}
    with open(path, newline="", encoding="utf-8") as f:
        for c in csv.DictReader(f):
            stem = os.path.splitext(os.path.basename(c["document"]))[0]
            by_doc.setdefault(stem, {"cells": []})["cells"].append(
                {"row_label": c["row_label"], "column_label": c["column_label"],
                 "value": c["value_text"], "page": int(c["page"] or 0)})
    return by_doc

def camelot_tables(pdf, page):
    import camelot
    tables = camelot.read_pdf(pdf, flavor="stream", pages=str(page))
    return {"tables": [{"rows": t.df.values.tolist()} for t in tables]}

def main():
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "fixtures", "realworld")
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="?")
    ap.add_argument("--expected", default=here)
    ap.add_argument("--camelot", action="store_true", help="run camelot stream as a baseline")
    ap.add_argument("--save", help="with --camelot: write <pdfstem>.json results here")
    ap.add_argument("--csv", help="score the cells of a CSV written by `python -m extract --csv`")
    a = ap.parse_args()
    if not (a.camelot or a.results or a.csv): ap.error("give RESULTS_DIR, --csv or --camelot")
    from_csv = csv_results(a.csv) if a.csv else None
    if a.camelot:
        try:
            import camelot  # noqa: F401
        except Exception as exc:
            print(f"camelot not importable ({exc}); skipping baseline")
            return 0
    tot_f = tot_e = 0
    for path in sorted(glob.glob(os.path.join(a.expected, "*.expected.json"))):
        stem = os.path.basename(path)[: -len(".expected.json")]
        exp = json.load(open(path, encoding="utf-8"))
        et = expected_triples(exp)
        got = None
        if a.camelot:
            try:
                got = camelot_tables(os.path.join(os.path.dirname(path), stem + ".pdf"), exp.get("page", 1))
            except Exception as exc:
                print(f"{stem}: camelot failed ({type(exc).__name__}: {exc})", file=sys.stderr)
            if got is not None and a.save:
                os.makedirs(a.save, exist_ok=True)
                json.dump(got, open(os.path.join(a.save, stem + ".json"), "w"), ensure_ascii=False)
        elif from_csv is not None:
            got = from_csv.get(stem)
            if got is not None:
                got = {"cells": [c for c in got["cells"] if c["page"] == exp.get("page", 1)]}
        else:
            rp = os.path.join(a.results, stem + ".json")
            if os.path.exists(rp):
                got = json.load(open(rp, encoding="utf-8"))
        f = count_found(et, result_triples(got)) if got is not None else 0
        print(f"{stem}: {f}/{len(et)}")
        tot_f, tot_e = tot_f + f, tot_e + len(et)
    pct = 100.0 * tot_f / tot_e if tot_e else 0.0
    print(f"realworld: {tot_f}/{tot_e} cells ({pct:.1f} %)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
