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
            result.edition, result.error, graded, rendered.dropped,
        ))
        truth.extend(rendered.truth)
        extracted.extend(rows)
    report = score.score(truth, extracted, examples=40)
    return VariantOutcome(variant, documents, report["total"], report["missed_examples"], report["unmatched_examples"])
