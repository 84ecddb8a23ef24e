"""The build sensor: once loads have finished, build the marts, scorecards and serving copy once.

Each document loads in its own run, so that a broken one fails alone; dbt runs
once after them rather than once per document. The sensor asks for a build_marts
run when the raw tables changed (a load attempt, failed or not -- a failure is
news for fct_load_errors -- or a retirement) after the latest build was requested,
and no load is queued or running and no backfill is still launching runs. Loads
that found every document unchanged are no change: they build nothing, and the
sensor says so.
"""

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SkipReason, sensor

from orchestration.jobs import build_marts
from orchestration.load_history import last_build_requested, last_change_timestamp, last_load_attempt, loads_waiting
from orchestration.partitions import TRIGGER_TAG


def build_request(context: SensorEvaluationContext) -> RunRequest | SkipReason:
    """A build_marts run request, or why none is needed yet."""
    instance = context.instance
    built = last_build_requested(instance)
    changed = last_change_timestamp(instance, after=built)
    if changed is None:
        return SkipReason("Nothing has been loaded yet.")
    if built is not None and built >= changed:
        attempted = last_load_attempt(instance)
        if attempted is not None and attempted > built:
            return SkipReason("Nothing new since the last build: the loads since found every document unchanged.")
        return SkipReason("The marts were built after the last load.")
    waiting = loads_waiting(instance)
    if waiting:
        return SkipReason(f"Waiting for {waiting} load(s) or backfill(s) to finish before building.")
    return RunRequest(run_key=f"after-load-{changed:.6f}", tags={TRIGGER_TAG: "build_sensor: loads finished"})


@sensor(
    job=build_marts,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.RUNNING,
    description="Runs build_marts (dbt build, scorecards, serving copy) once loads or retirements have finished.",
)
def build_sensor(context: SensorEvaluationContext) -> RunRequest | SkipReason:
    return build_request(context)
