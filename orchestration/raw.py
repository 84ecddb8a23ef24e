"""The raw layer: one landed PDF read by the extractor into the DuckDB warehouse.

One Dagster partition per document (orchestration.partitions): a run reads that one
file and stores its rows (orchestration.raw_tables.store_document), so a failure
stays with its document and a rerun touches nothing else.
"""

import traceback
from datetime import datetime, timezone
from pathlib import Path

from dagster import (
    AssetExecutionContext,
    AssetSpec,
    DagsterLogManager,
    Failure,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

import extract
from extract.opening import sha256_of
from extract.records import DocumentResult
from orchestration.admission import admit
from orchestration.landing_asset import LANDING_PDFS
from orchestration.partitions import DOCUMENTS
from orchestration.raw_tables import (
    CELLS_TABLE,
    DOCUMENTS_TABLE,
    LOAD_ERRORS_TABLE,
    Outcome,
    problem_rows,
    store_document,
)
from orchestration.settings import WarehouseSettings
from orchestration.warehouse_lock import writing

REPORT_CELLS = AssetSpec(
    ["raw", "report_cells"],
    group_name="raw",
    deps=[LANDING_PDFS],
    description=f"Every value cell extracted from the source PDFs: table {CELLS_TABLE}.",
)
SOURCE_DOCUMENTS = AssetSpec(
    ["raw", "source_documents"],
    group_name="raw",
    deps=[LANDING_PDFS],
    description=f"One row per source PDF: the version loaded, or why it never loaded: table {DOCUMENTS_TABLE}.",
)
LOAD_ERRORS = AssetSpec(
    ["raw", "load_errors"],
    group_name="raw",
    deps=[LANDING_PDFS],
    description=f"The problems of each document's latest load (errors, warnings): table {LOAD_ERRORS_TABLE}. "
    "Materialised by every attempt, failed or not, with the SHA-256 of the file attempted.",
)
RAW_SPECS = (REPORT_CELLS, SOURCE_DOCUMENTS, LOAD_ERRORS)


def read_document(path: Path, log: DagsterLogManager) -> DocumentResult:
    """Extract one PDF; an extractor crash becomes that document's failure, not the run's."""
    try:
        return extract.extract_document(path)
    except Exception as exc:  # bad input is reported in .error; this is a bug, kept to one document
        log.error(f"Extractor crashed on {path.name}:\n{traceback.format_exc()}")
        return DocumentResult(
            document=path.name,
            path=str(path),
            sha256=sha256_of(path) if path.is_file() else "",
            family=None,
            council=None,
            edition=None,
            title=None,
            pages=0,
            error=f"{path.name}: extractor crashed: {type(exc).__name__}: {exc}",
        )


@multi_asset(
    specs=list(RAW_SPECS),
    partitions_def=DOCUMENTS,
    description="Read one landed PDF (the partition) and store its rows in the raw tables.",
)
def load_document(context: AssetExecutionContext, settings: WarehouseSettings):
    if Path(context.partition_key).name != context.partition_key:
        raise Failure(description=f"{context.partition_key!r} is not a file name in the landing folder.")
    path = settings.landing_path / context.partition_key
    result = read_document(path, context.log)
    result.path = context.partition_key  # relative to the landing folder: the server's folder is no fact
    with writing(settings.warehouse_path) as con:
        admission = admit(con, result)
        outcome = store_document(
            con, result, datetime.now(timezone.utc).replace(tzinfo=None), context.run.run_id,
            held_back=admission.held_back is not None,
        )
    problems = problem_rows(result)
    kept = " The version loaded before stays in the warehouse." if outcome is Outcome.FAILED_KEPT_PREVIOUS else ""
    # Why the partition failed, on the materialisation every attempt records (the failed partition's page in
    # the UI shows it) as well as on the failure.
    reason = {"reason": MetadataValue.text(f"{problems[0]['message']}{kept}")} if not result.ok else {}
    shared = {
        "document": result.document,
        "sha256": result.sha256,
        "outcome": outcome.value,
        "warehouse": MetadataValue.path(str(settings.warehouse_path)),
    }
    yield MaterializeResult(
        asset_key=LOAD_ERRORS.key,
        metadata={
            **shared,
            **reason,
            "errors": sum(p["severity"] == "error" for p in problems),
            "warnings": sum(p["severity"] == "warning" for p in problems),
            "problems": MetadataValue.md("\n".join(f"- **{p['severity']}**: {_md(p['message'])}" for p in problems))
            if problems
            else MetadataValue.text("none"),
            "messages": MetadataValue.json([{"severity": p["severity"], "message": p["message"]} for p in problems]),
        },
    )
    if not result.ok:
        message = problems[0]["message"]
        context.log.error(f"{message}{kept}")
        raise Failure(
            description=f"{message}{kept}",
            metadata={**shared, **reason, "path": MetadataValue.path(str(path))},
            allow_retries=False,
        )
    for warning in result.warnings:
        context.log.warning(warning)
    if admission.held_back is not None:
        context.log.warning(f"{result.document}: held back, nothing stored")
    context.log.info(
        f"{result.document}: {len(result.cells)} cells ({result.family or 'unknown family'}), {outcome.value}"
    )
    yield MaterializeResult(
        asset_key=REPORT_CELLS.key,
        metadata={**shared, "cells": len(result.cells)},
    )
    yield MaterializeResult(
        asset_key=SOURCE_DOCUMENTS.key,
        metadata={
            **shared,
            "path": MetadataValue.path(str(path)),
            "bytes": path.stat().st_size,
            "family": result.family or "unrecognised",
            "council": result.council or "",
            "edition": result.edition or "",
            "pages": result.pages,
            "cells": len(result.cells),
        },
    )


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
