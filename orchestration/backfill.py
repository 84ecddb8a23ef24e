"""Re-extracting every document: one Dagster backfill over all partitions of the raw layer.

After an extractor change the raw tables should be read again from every landed
PDF. That is a backfill of the raw assets over all their partitions: one run per
document (a broken one fails alone), queued one at a time, after which the build
sensor builds the marts once. Storing is idempotent, so documents whose cells come
out the same are left as they were. The daemon of `make dev` runs it.
"""

import time

from dagster import DagsterInstance, Definitions
from dagster._core.execution.backfill import PartitionBackfill
from dagster._core.utils import make_new_backfill_id

from orchestration.partitions import DOCUMENTS, TRIGGER_TAG
from orchestration.raw import RAW_SPECS

TITLE = "Re-extract every document"


def submit_reextract_backfill(defs: Definitions, instance: DagsterInstance, reason: str = "extractor changed") -> str:
    """Ask the instance for a backfill of the raw assets over every document's partition; its id."""
    if not instance.get_dynamic_partitions(DOCUMENTS.name):
        raise ValueError("There are no document partitions to re-extract: load some documents first.")
    backfill = PartitionBackfill.from_asset_partitions(
        backfill_id=make_new_backfill_id(),
        asset_graph=defs.resolve_asset_graph(),
        partition_names=None,
        asset_selection=[spec.key for spec in RAW_SPECS],
        backfill_timestamp=time.time(),
        tags={TRIGGER_TAG: f"re-extract: {reason}"},
        dynamic_partitions_store=instance,
        all_partitions=True,
        title=TITLE,
        description=f"Re-extract every document ({reason}).",
        run_config=None,
    )
    instance.add_backfill(backfill)
    return backfill.backfill_id
