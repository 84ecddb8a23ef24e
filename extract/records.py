"""The records extraction produces: one per printed value cell, one per document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass
class Cell:
    """One printed value cell, with where it was printed and how it parsed."""

    document: str
    document_sha256: str
    page: int
    table_id: str
    table_title: str
    row_code: str | None
    row_label: str
    row_group: str
    column_label: str
    column_span: int
    value_text: str
    value: float | None
    numerator: float | None
    denominator: float | None
    bracket_count: float | None
    vintage: str | None
    unit: str
    fill: str | None
    x0: float
    top: float
    x1: float
    bottom: float

    def as_row(self) -> dict:
        return asdict(self)


CELL_COLUMNS: list[str] = [f.name for f in fields(Cell)]


@dataclass
class DocumentResult:
    """What became of one source document: its cells, or why there are none."""

    document: str
    path: str
    sha256: str
    family: str | None
    council: str | None
    edition: str | None
    title: str | None
    pages: int
    cells: list[Cell] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def status_row(self) -> dict:
        return {
            "document": self.document,
            "path": self.path,
            "sha256": self.sha256,
            "family": self.family,
            "council": self.council,
            "edition": self.edition,
            "title": self.title,
            "pages": self.pages,
            "cells": len(self.cells),
            "status": "loaded" if self.ok else "failed",
            "error": self.error,
            "warnings": "; ".join(self.warnings) or None,
        }
