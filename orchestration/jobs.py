"""The jobs: load one document, build everything downstream, retire a document.

Every job writes the one DuckDB warehouse, which takes one writer at a time: the
project's instance (.dagster_home/dagster.yaml) starts one run at a time.
"""

from dagster import AssetSelection, define_asset_job

from orchestration.raw import load_document

RAW = AssetSelection.assets(load_document)

extract_documents = define_asset_job(
    "extract_documents",
    selection=RAW,
    description="Read one landed PDF (the partition) into the raw tables. A backfill over all partitions "
    "re-extracts every document.",
)

build_marts = define_asset_job(
    "build_marts",
    selection=AssetSelection.all() - RAW,
    description="dbt build of the models and tests, then the scorecards and the serving copy of the marts.",
)
