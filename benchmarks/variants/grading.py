"""Draw a variant's documents, read them with the project's reader and grade the cells against
the truth the drawing wrote (benchmarks/score.py's matching)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import score
from benchmarks.variants.document import render_document
from benchmarks.variants.identity import identity_of
from benchmarks.variants.layouts import Variant
from benchmarks.variants.selection import select
from benchmarks.variants.source import SourceTable
from extract.families import load_registry
from extract.reader import extract_document


@dataclass
class DocumentOutcome:
    name: str
    source: str
    family: str
    family_found: str | None
    edition_expected: str | None
    edition_found: str | None
    error: str | None
    counts: dict  # score.py's truth / recalled / extracted / matched with recall and precision
    dropped: list[str] = field(default_factory=list)
    fitted: list[str] = field(default_factory=list)

    @property
    def recognised(self) -> bool:
        return self.family_found == self.family and self.edition_found == self.edition_expected


@dataclass
class VariantOutcome:
    variant: Variant
    documents: list[DocumentOutcome]
    total: dict
    missed: list[dict]
    unmatched: list[dict]
    causes: dict[str, int] = field(default_factory=dict)


CAUSES = ("value not read", "wrong column", "wrong row", "wrong row and column", "read but no such value")


def _value_key(text: str | None, fill: str | None = None) -> tuple:
    if fill:
        return ("fill", fill)
    parsed = score.parse_cell(text or "")
    if parsed.get("value") is not None:
        return ("n", round(parsed["value"], 6))
    return ("t", score.norm_text(text or ""))


def causes(missed: list[dict], unmatched: list[dict], extracted: list[dict], truth: list[dict]) -> dict[str, int]:
    """Why cells were missed (their value read elsewhere or not at all) and what the extracted rows
    matching no truth cell are (a value the page prints in no table cell: furniture, a chart,
    header text)."""
    read: dict[tuple, list[dict]] = {}
    for row in extracted:
        keys = {_value_key(row.get("value_text"))}
        if row.get("fill"):
            keys.add(_value_key(None, score.norm_fill(row["fill"])))
        if row.get("value") not in (None, ""):
            keys.add(_value_key(str(row["value"])))
        for key in keys:
            read.setdefault((score.doc_key(row["document"]), key), []).append(row)
    out = dict.fromkeys(CAUSES, 0)
    for t in missed:
        key = _value_key(t.get("raw"), t.get("fill") if not (t.get("raw") or "").strip() else None)
        rows = read.get((score.doc_key(t["document"]), key), [])
        leaf = score.norm_label((t.get("column_label") or "").split(" > ")[-1])
        label = score.norm_label(t.get("row_label"))
        row_ok = any(score.label_match(score.norm_label(r.get("row_label")), label) for r in rows)
        col_ok = any(score.col_match(score.norm_label(r.get("column_label")), [leaf] if leaf else []) for r in rows)
        out["value not read" if not rows else "wrong column" if row_ok else "wrong row" if col_ok
            else "wrong row and column"] += 1
    printed = {(score.doc_key(t["document"]), _value_key(t.get("raw"))) for t in truth}
    out["read but no such value"] = sum(
        1 for r in unmatched if (score.doc_key(r["document"]), _value_key(r.get("value_text"))) not in printed)
    return out


def expected_edition(document: str, family: str) -> str | None:
    identity = identity_of(document)
    text = "\n".join((identity.title, identity.subtitle, identity.edition))
    found = next((f for f in load_registry() if f.name == family), None)
    return found.edition_of(text) if found else None


def document_name(variant: Variant, family: str) -> str:
    return f"layout-{variant.name}-{family.replace('_', '-')}.pdf"


def write_truth(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_variant(variant: Variant, tables: list[SourceTable], out_dir: Path) -> VariantOutcome:
    """Draws the variant's documents into out_dir (with a truth file beside each), extracts and grades."""
    out_dir.mkdir(parents=True, exist_ok=True)
    truth: list[dict] = []
    extracted: list[dict] = []
    documents: list[DocumentOutcome] = []
    for selection in select(tables, variant):
        family = selection.tables[0][0].family
        name = document_name(variant, family)
        rendered = render_document(selection, variant, name, out_dir / name)
        write_truth(out_dir / f"{name[:-4]}.truth.jsonl", rendered.truth)
        result = extract_document(out_dir / name)
        rows = [cell.as_row() for cell in result.cells]
        graded = score.score(rendered.truth, rows)["total"] if rendered.truth or rows else {}
        documents.append(DocumentOutcome(
            name, selection.document, family, result.family, expected_edition(selection.document, family),
            result.edition, result.error, graded, rendered.dropped, rendered.fitted,
        ))
        truth.extend(rendered.truth)
        extracted.extend(rows)
    report = score.score(truth, extracted, examples=len(truth) + len(extracted))
    missed, unmatched = report["missed_examples"], report["unmatched_examples"]
    return VariantOutcome(variant, documents, report["total"], missed[:40], unmatched[:40],
                          causes(missed, unmatched, extracted, truth))
