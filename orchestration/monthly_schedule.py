"""The monthly safety net: on the first working day of each month, load whatever the sensor missed.

The landing sensor loads files as they arrive; if it was off, or Dagster was down
when the month's reports were dropped, this schedule finds every landed PDF whose
current version was never attempted and asks for its load (the build sensor then
builds the marts). Working day means Monday to Friday; bank holidays are not known.
"""

from datetime import date, datetime, timedelta

from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, SkipReason, schedule

from orchestration.jobs import extract_documents
from orchestration.landing import LandingFolderMissing, list_landing_pdfs
from orchestration.load_history import last_attempted_sha256, partitions_in_flight
from orchestration.partitions import DOCUMENTS, SHA256_TAG, TRIGGER_TAG, key_problem
from orchestration.settings import WarehouseSettings

TIMEZONE = "Europe/London"
# 07:00 on the 1st to the 3rd; the first working day of a month is always one of them.
CRON = "0 7 1-3 * *"


def is_first_working_day(day: date) -> bool:
    """Monday to Friday, with no earlier weekday in the month."""
    return day.weekday() < 5 and all((day - timedelta(days=n)).weekday() >= 5 for n in range(1, day.day))


def missed_loads(context: ScheduleEvaluationContext, settings: WarehouseSettings) -> list[RunRequest]:
    """A run request for each landed PDF whose current version no load has attempted or is attempting."""
    instance = context.instance
    files = [f for f in list_landing_pdfs(settings.landing_path) if key_problem(f.document) is None]
    attempted = last_attempted_sha256(instance, [f.document for f in files])
    running = partitions_in_flight(instance)
    missed = [f for f in files if attempted.get(f.document) != f.sha256 and f.document not in running]
    new = [f.document for f in missed if not instance.has_dynamic_partition(DOCUMENTS.name, f.document)]
    if new:
        instance.add_dynamic_partitions(DOCUMENTS.name, new)
    day = context.scheduled_execution_time.date() if context.scheduled_execution_time else date.today()
    return [
        RunRequest(
            partition_key=f.document,
            run_key=f"monthly-{day.isoformat()}-{f.document}-{f.sha256}",
            tags={SHA256_TAG: f.sha256, TRIGGER_TAG: "monthly_schedule: missed by the sensor"},
        )
        for f in missed
    ]


@schedule(
    job=extract_documents,
    cron_schedule=CRON,
    execution_timezone=TIMEZONE,
    default_status=DefaultScheduleStatus.RUNNING,
    description="First working day of the month, 07:00 Europe/London: load any landed PDF the sensor missed.",
)
def monthly_schedule(context: ScheduleEvaluationContext, settings: WarehouseSettings):
    scheduled: datetime | None = context.scheduled_execution_time
    if scheduled is not None and not is_first_working_day(scheduled.date()):
        return SkipReason(f"{scheduled.date():%A %d %B} is not the first working day of the month.")
    try:
        requests = missed_loads(context, settings)
    except LandingFolderMissing as missing:
        return SkipReason(str(missing))
    if not requests:
        return SkipReason("Every landed PDF has been loaded in its current version.")
    missed = ", ".join(r.partition_key or "" for r in requests)
    context.log.info(f"Loading {len(requests)} PDF(s) the sensor missed: {missed}")
    return requests
