"""The one Dagster Definitions of this code location, and the job that loads reports."""

from dagster import AssetSelection, Definitions, define_asset_job, in_process_executor

from orchestration.dbt_models import dbt_cli, dbt_models
from orchestration.landing import source_documents
from orchestration.raw import raw_report_cells
from orchestration.settings import WarehouseSettings

# One process: DuckDB lets one process at a time write the warehouse file, and
# each step hands it on to the next.
load_reports = define_asset_job(
    "load_reports",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Read every PDF in the landing folder into the warehouse, then build the dbt models.",
)


def build_definitions(settings: WarehouseSettings) -> Definitions:
    """The code location for given folders; tests and the demo point it elsewhere."""
    return Definitions(
        assets=[source_documents, raw_report_cells, dbt_models],
        jobs=[load_reports],
        resources={"settings": settings, "dbt": dbt_cli},
        executor=in_process_executor,
    )


defs = build_definitions(WarehouseSettings.from_env())
