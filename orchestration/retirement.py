"""Retiring a document: the explicit step that takes its facts out of the warehouse.

A file removed from the landing folder keeps its facts (a folder tidied by mistake
must not empty the marts); an engineer retires the document when its figures
should go. Retiring deletes its rows from the raw tables, records it in
raw.retired_documents, and deletes its Dagster partition; the next build_marts
run (the build sensor asks for one) drops its facts from the marts.
"""

from datetime import datetime, timezone

from dagster import Config, Failure, MetadataValue, Nothing, OpExecutionContext, Out, Output, job, op

from orchestration.partitions import DOCUMENTS
from orchestration.raw_tables import retire_document
from orchestration.settings import WarehouseSettings
from orchestration.warehouse_lock import writing


class RetireConfig(Config):
    """The document to retire: its file name, as in raw.source_documents."""

    document: str


def still_landed_reason(document: str, settings: WarehouseSettings) -> str | None:
    """Why retiring is refused while the file is in the landing folder (the sensor would load it again)."""
    if (settings.landing_path / document).exists():
        return (
            f"{document} is still in the landing folder {settings.landing_path}: move it away first, "
            "or the landing sensor loads it again."
        )
    return None


@op(
    out=Out(Nothing),
    description="Delete one document's rows from the raw tables, record its retirement, delete its partition.",
)
def retire_document_rows(context: OpExecutionContext, config: RetireConfig, settings: WarehouseSettings):
    name = config.document
    refused = still_landed_reason(name, settings)
    if refused:
        raise Failure(description=refused, allow_retries=False)
    with writing(settings.warehouse_path) as con:
        retired = retire_document(con, name, datetime.now(timezone.utc).replace(tzinfo=None), context.run_id)
    had_partition = context.instance.has_dynamic_partition(DOCUMENTS.name, name)
    if retired is None and not had_partition:
        raise Failure(description=f"{name}: no such document in the warehouse or in Dagster's partitions.")
    if had_partition:
        context.instance.delete_dynamic_partition(DOCUMENTS.name, name)
    cells = retired.cells if retired else 0
    context.log.info(f"Retired {name}: {cells} cells removed from the raw tables; build_marts drops its facts.")
    yield Output(
        None,
        metadata={
            "document": name,
            "sha256": (retired.sha256 if retired else None) or "",
            "cells_removed": cells,
            "partition_deleted": had_partition,
            "warehouse": MetadataValue.path(str(settings.warehouse_path)),
        },
    )


@job(
    name="retire_document",
    description="Retire one document (config: document). build_marts then drops its facts.",
)
def retire_document_job() -> None:
    retire_document_rows()


def retire_run_config(document: str) -> dict:
    """Run config of the retire_document job for one document."""
    return {"ops": {"retire_document_rows": {"config": {"document": document}}}}
