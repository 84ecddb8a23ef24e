"""The raw layer: every landed PDF read by the extractor into the DuckDB warehouse."""

import traceback
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import duckdb
from dagster import (
    AssetExecutionContext,
    AssetIn,
    AssetSpec,
    DagsterLogManager,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

import extract
from extract.records import DocumentResult
from orchestration.landing import LandedFile
from orchestration.raw_tables import CELLS_TABLE, DOCUMENTS_TABLE, replace_documents
from orchestration.settings import WarehouseSettings

REPORT_CELLS = AssetSpec(
    ["raw", "report_cells"],
    group_name="raw",
    deps=["source_documents"],
    description=f"Every value cell extracted from the source PDFs: table {CELLS_TABLE}.",
)
SOURCE_DOCUMENT_STATUS = AssetSpec(
    ["raw", "source_documents"],
    group_name="raw",
    deps=["source_documents"],
    description=f"One row per source PDF read, loaded or failed with the reason: table {DOCUMENTS_TABLE}.",
)


def read_document(landed: LandedFile, log: DagsterLogManager) -> DocumentResult:
    """Extract one PDF; an extractor crash becomes that document's failure, not the run's."""
    try:
        return extract.extract_document(Path(landed.path))
    except Exception as exc:  # bad input is reported in .error; this is a bug, kept to one document
        log.error(f"Extractor crashed on {landed.document}:\n{traceback.format_exc()}")
        return DocumentResult(
            document=landed.document,
            path=landed.path,
            sha256=landed.sha256,
            family=None,
            council=None,
            edition=None,
            title=None,
            pages=0,
            error=f"extractor crashed: {type(exc).__name__}: {exc}",
        )


@multi_asset(
    specs=[REPORT_CELLS, SOURCE_DOCUMENT_STATUS],
    ins={"landed": AssetIn(key="source_documents")},
    description="Read each landed PDF and replace its rows in raw.report_cells and raw.source_documents.",
)
def raw_report_cells(context: AssetExecutionContext, settings: WarehouseSettings, landed: list[LandedFile]):
    results = []
    for item in landed:
        result = read_document(item, context.log)
        if result.ok:
            context.log.info(f"{result.document}: {len(result.cells)} cells ({result.family or 'unknown family'})")
        else:
            context.log.warning(f"{result.document}: failed: {result.error}")
        results.append(result)

    warehouse = settings.warehouse_path
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse)) as con:
        replace_documents(con, results, loaded_at=datetime.now(timezone.utc).replace(tzinfo=None))

    failed = [r for r in results if not r.ok]
    cells = sum(len(r.cells) for r in results)
    shared = {
        "warehouse": MetadataValue.path(str(warehouse)),
        "documents": len(results),
        "failed_documents": len(failed),
    }
    yield MaterializeResult(
        asset_key=REPORT_CELLS.key,
        metadata={
            **shared,
            "cells": cells,
            "cells_by_document": MetadataValue.json({r.document: len(r.cells) for r in results}),
            "families": MetadataValue.json(dict(Counter(r.family or "unrecognised" for r in results if r.ok))),
        },
    )
    yield MaterializeResult(
        asset_key=SOURCE_DOCUMENT_STATUS.key,
        metadata={
            **shared,
            "failures": MetadataValue.md(
                "| document | reason |\n|---|---|\n"
                + "\n".join(f"| {r.document} | {_md_cell(r.error or '')} |" for r in failed)
            )
            if failed
            else MetadataValue.text("none"),
        },
    )


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
