"""What the Dagster instance knows about loads: the sensors' and schedule's memory.

They must not open the warehouse (a run writing it holds DuckDB's lock), so they
ask Dagster instead. Every load attempt, failed or not, materialises the
document's partition of raw/load_errors with the SHA-256 of the file it read,
which makes "the version last attempted" one event-log lookup.
"""

from __future__ import annotations

from collections.abc import Iterable

from dagster import AssetRecordsFilter, DagsterInstance, DagsterRunStatus, EventLogRecord, RunRecord, RunsFilter
from dagster._core.events import DagsterEventType
from dagster._core.execution.backfill import BulkActionsFilter, BulkActionStatus
from dagster._core.storage.tags import PARTITION_NAME_TAG

from orchestration.jobs import build_marts
from orchestration.raw import LOAD_ERRORS
from orchestration.raw_tables import Outcome
from orchestration.retirement import retire_document_job

BUILD_JOB = build_marts.name
RETIRE_JOB = retire_document_job.name

IN_FLIGHT = [
    DagsterRunStatus.NOT_STARTED,
    DagsterRunStatus.QUEUED,
    DagsterRunStatus.STARTING,
    DagsterRunStatus.STARTED,
]
FINISHED = [DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE]
FAILED_OUTCOMES = (Outcome.FAILED.value, Outcome.FAILED_KEPT_PREVIOUS.value)
HISTORY_PAGE = 100


def last_attempted_sha256(instance: DagsterInstance, documents: Iterable[str]) -> dict[str, str]:
    """For each document with an attempt on record, the SHA-256 of the file last attempted."""
    wanted = set(documents)
    if not wanted:
        return {}
    latest = instance.get_latest_storage_id_by_partition(
        LOAD_ERRORS.key, DagsterEventType.ASSET_MATERIALIZATION, partitions=wanted
    )
    if not latest:
        return {}
    records = instance.fetch_materializations(
        AssetRecordsFilter(asset_key=LOAD_ERRORS.key, storage_ids=list(latest.values())), limit=len(latest)
    ).records
    found: dict[str, str] = {}
    for record in records:
        materialization = record.asset_materialization
        if materialization is None or materialization.partition is None:
            continue
        sha256 = materialization.metadata.get("sha256")
        if sha256 is not None:
            found[materialization.partition] = str(sha256.value)
    return found


def partitions_in_flight(instance: DagsterInstance) -> set[str]:
    """Documents with a load queued or running (requested by anyone: sensor, schedule, UI, backfill)."""
    return {
        record.dagster_run.tags[PARTITION_NAME_TAG]
        for record in instance.get_run_records(RunsFilter(statuses=IN_FLIGHT))
        if PARTITION_NAME_TAG in record.dagster_run.tags
    }


def loads_waiting(instance: DagsterInstance) -> int:
    """Runs other than builds that are queued or running, plus backfills still launching runs."""
    runs = [r for r in instance.get_run_records(RunsFilter(statuses=IN_FLIGHT)) if r.dagster_run.job_name != BUILD_JOB]
    backfills = instance.get_backfills(filters=BulkActionsFilter(statuses=[BulkActionStatus.REQUESTED]))
    return len(runs) + len(backfills)


def _is_news(instance: DagsterInstance, record: EventLogRecord) -> bool:
    """Whether a load attempt changed what the marts are built from.

    An attempt that stored nothing (outcome unchanged) is no news when the attempt before it
    loaded the same file too; after a failed attempt it is (the failure leaves raw.load_errors).
    """
    materialization = record.asset_materialization
    outcome = materialization.metadata.get("outcome") if materialization else None
    if materialization is None or outcome is None or outcome.value != Outcome.UNCHANGED.value:
        return True
    previous = instance.fetch_materializations(
        AssetRecordsFilter(
            asset_key=LOAD_ERRORS.key,
            asset_partitions=[materialization.partition or ""],
            before_storage_id=record.storage_id,
        ),
        limit=1,
    ).records
    if not previous or previous[0].asset_materialization is None:
        return True
    before = previous[0].asset_materialization.metadata
    before_outcome = before.get("outcome")
    same_file = before.get("sha256") == materialization.metadata.get("sha256")
    return before_outcome is None or before_outcome.value in FAILED_OUTCOMES or not same_file


def last_change_timestamp(instance: DagsterInstance, after: float | None = None) -> float | None:
    """When the warehouse's raw tables last changed: the latest load attempt that was news (not one that
    found its document unchanged), or retirement. Attempts before `after` are taken as news unread."""
    times: list[float] = []
    cursor = None
    while True:
        page = instance.fetch_materializations(LOAD_ERRORS.key, limit=HISTORY_PAGE, cursor=cursor)
        found = next(
            (r.timestamp for r in page.records if (after is not None and r.timestamp < after) or _is_news(instance, r)),
            None,
        )
        if found is not None:
            times.append(found)
            break
        if not page.has_more:
            break
        cursor = page.cursor
    retired = instance.get_run_records(RunsFilter(job_name=RETIRE_JOB, statuses=[DagsterRunStatus.SUCCESS]), limit=1)
    if retired and retired[0].end_time is not None:
        times.append(retired[0].end_time)
    return max(times) if times else None


def last_load_attempt(instance: DagsterInstance) -> float | None:
    """When the latest load attempt (news or not) was recorded."""
    latest = instance.fetch_materializations(LOAD_ERRORS.key, limit=1).records
    return latest[0].timestamp if latest else None


def last_successful_build(instance: DagsterInstance) -> RunRecord | None:
    """The latest build_marts run that succeeded, with its end time."""
    builds = instance.get_run_records(RunsFilter(job_name=BUILD_JOB, statuses=[DagsterRunStatus.SUCCESS]), limit=1)
    return builds[0] if builds else None


def last_build_requested(instance: DagsterInstance) -> float | None:
    """When the latest build_marts run was created (whatever became of it)."""
    builds = instance.get_run_records(RunsFilter(job_name=BUILD_JOB), limit=1)
    return builds[0].create_timestamp.timestamp() if builds else None
