"""The one Dagster Definitions of this code location.

Assets: the landing folder's PDFs (an observable source), the raw layer (one
partition per source document), the dbt models and tests, the scorecards and
their index page, and the serving copy of the marts. Jobs: extract_documents
(one document), build_marts (everything downstream), retire_document. The landing
sensor and the monthly schedule ask for loads, the build sensor for builds.
"""

from dagster import Definitions, in_process_executor

from orchestration.build_sensor import build_sensor
from orchestration.dbt_models import dbt_cli, dbt_models
from orchestration.jobs import build_marts, extract_documents
from orchestration.landing_asset import landing_pdfs
from orchestration.landing_sensor import landing_sensor
from orchestration.monthly_schedule import monthly_schedule
from orchestration.raw import load_document
from orchestration.retirement import retire_document_job
from orchestration.scorecard_assets import scorecard_assets, scorecard_index
from orchestration.serving_asset import serving_marts
from orchestration.settings import WarehouseSettings


def build_definitions(settings: WarehouseSettings) -> Definitions:
    """The code location for given folders; tests, the demo and the command line point it elsewhere."""
    return Definitions(
        assets=[landing_pdfs, load_document, dbt_models, *scorecard_assets, scorecard_index, serving_marts],
        jobs=[extract_documents, build_marts, retire_document_job],
        sensors=[landing_sensor, build_sensor],
        schedules=[monthly_schedule],
        resources={"settings": settings, "dbt": dbt_cli},
        # One process per run: DuckDB lets one process at a time write the warehouse file,
        # and each step hands it on to the next.
        executor=in_process_executor,
    )


defs = build_definitions(WarehouseSettings.from_env())
