"""The Dagster asset that publishes the marts for analysts after each successful dbt build."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, MetadataValue, asset

from orchestration.dbt_models import dbt_models
from orchestration.serving import MARTS_SCHEMA, publish_marts
from orchestration.settings import WarehouseSettings

SERVING_MARTS = AssetKey(["serving", "marts"])

# Every dbt model in the marts schema: a failed model or blocking test upstream skips the publish,
# so analysts keep the last good marts.
MART_KEYS = sorted((key for key in dbt_models.keys if key.path[0] == MARTS_SCHEMA), key=lambda k: k.path)


@asset(
    key=SERVING_MARTS,
    group_name="serving",
    deps=MART_KEYS,
    description="The marts copied to the read-only serving database (CSC_SERVING_DB) and to Parquet "
    "(CSC_PARQUET_DIR), each swapped in atomically, so analysts read while the next load runs.",
)
def serving_marts(context: AssetExecutionContext, settings: WarehouseSettings) -> MaterializeResult:
    publication = publish_marts(
        settings.warehouse_path, settings.serving_path, settings.parquet_path, run_id=context.run.run_id
    )
    context.log.info(
        f"Published {len(publication.rows)} marts to {publication.serving_db} and {publication.parquet_dir}"
    )
    return MaterializeResult(
        metadata={
            "serving_db": MetadataValue.path(str(publication.serving_db)),
            "parquet_dir": MetadataValue.path(str(publication.parquet_dir)),
            "tables": len(publication.rows),
            "rows": MetadataValue.md(
                "| mart | rows |\n|---|---:|\n"
                + "\n".join(f"| {MARTS_SCHEMA}.{table} | {count:,} |" for table, count in publication.rows.items())
            ),
        }
    )
