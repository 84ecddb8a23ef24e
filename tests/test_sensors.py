"""The landing sensor, the build sensor and the monthly schedule, evaluated against a throwaway instance."""

import os
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dagster import (
    AssetObservation,
    DagsterInstance,
    DagsterRun,
    DagsterRunStatus,
    RunRequest,
    SensorResult,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
    instance_for_test,
)

from dagster._core.utils import make_new_run_id

from orchestration.build_sensor import build_sensor
from orchestration.definitions import build_definitions
from orchestration.landing import describe
from orchestration.landing_asset import LANDING_PDFS
from orchestration.landing_sensor import LandingCursor, landing_sensor
from orchestration.loading import load_documents
from orchestration.monthly_schedule import is_first_working_day, monthly_schedule
from orchestration.partitions import DOCUMENTS, SHA256_TAG
from orchestration.settings import WarehouseSettings
from tests.conftest import SAMPLE_REPORTS

ANNEX_A = "lancashire_annex_a__2020-09-01__dev.pdf"
SURREY = "surrey_cfllc__2020-12-14__dev.pdf"
NE_Q1 = "ne_kpi__2017-q1__dev.pdf"
NE_Q2 = "ne_kpi__2017-q2__dev.pdf"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def instance() -> Iterator[DagsterInstance]:
    with instance_for_test() as test_instance:
        yield test_instance


def settle(*paths: Path) -> None:
    """Date files a minute back, as if they had finished copying in a while ago."""
    past = time.time() - 60
    for path in paths:
        os.utime(path, (past, past))


def tick(instance: DagsterInstance, settings: WarehouseSettings, cursor: str | None) -> SensorResult:
    """One evaluation of the landing sensor, with what the daemon would do with its partition requests."""
    context = build_sensor_context(instance=instance, cursor=cursor, resources={"settings": settings})
    result = landing_sensor(context)
    if isinstance(result, SkipReason):
        return SensorResult(skip_reason=result, cursor=cursor)
    for request in result.dynamic_partitions_requests or []:
        instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return result


def requested(result: SensorResult) -> dict[str, str]:
    return {r.partition_key: r.tags[SHA256_TAG] for r in result.run_requests or []}


def observed_removed(result: SensorResult) -> list[str]:
    return sorted(e.partition for e in result.asset_events or [] if isinstance(e, AssetObservation) and e.partition)


def observed_landing(result: SensorResult) -> list[int]:
    """The PDFs counted by each observation of the landing folder's source asset."""
    return [e.metadata["pdfs"].value for e in result.asset_events or [] if e.asset_key == LANDING_PDFS]


def test_landing_sensor_on_new_changed_unchanged_broken_and_removed_files(
    instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    annex, surrey, ne = (copy_sample(n, landing) for n in (ANNEX_A, SURREY, NE_Q1))
    broken = landing / "broken.pdf"
    broken.write_text("Contacts,26618\n")
    (landing / "notes.txt").write_text("not a PDF name: never looked at")
    settle(annex, surrey, ne, broken)

    first = tick(instance, tmp_settings, None)

    # Every PDF is new, the broken one too: its run fails with the reason, the sensor does not judge.
    assert requested(first) == {p.name: describe(p).sha256 for p in (annex, surrey, ne, broken)}
    assert set(instance.get_dynamic_partitions(DOCUMENTS.name)) == {ANNEX_A, SURREY, NE_Q1, "broken.pdf"}

    # A month later: Surrey's report is corrected, a new report lands, NE's file is removed,
    # and one file is still being copied in.
    surrey.write_bytes((SAMPLE_REPORTS / NE_Q2).read_bytes())
    new = copy_sample(NE_Q2, landing)
    ne.unlink()
    settle(surrey, new)
    copying = landing / "copying.pdf"
    copying.write_bytes(b"%PDF-1.4 half")

    second = tick(instance, tmp_settings, first.cursor)

    assert requested(second) == {SURREY: describe(surrey).sha256, NE_Q2: describe(new).sha256}
    assert [r.tags["csc/trigger"] for r in sorted(second.run_requests, key=lambda r: r.partition_key)] == [
        "landing_sensor: new file",
        "landing_sensor: changed file",
    ]
    assert observed_removed(second) == [NE_Q1]
    assert observed_landing(first) == [4] and observed_landing(second) == [4]  # what the folder holds, settled
    # The removed document keeps its partition (and its facts) until it is retired.
    assert NE_Q1 in instance.get_dynamic_partitions(DOCUMENTS.name)
    assert "copying.pdf" not in instance.get_dynamic_partitions(DOCUMENTS.name)

    settle(copying)
    third = tick(instance, tmp_settings, second.cursor)

    # Only the file that finished copying; unchanged ones nothing; the removal is not reported twice.
    assert requested(third) == {"copying.pdf": describe(copying).sha256}
    assert observed_removed(third) == []

    fourth = tick(instance, tmp_settings, third.cursor)
    assert observed_landing(fourth) == []  # nothing changed: no observation either
    assert not fourth.run_requests and "No new or changed PDFs (5 unchanged)" in fourth.skip_reason.skip_message


def test_unchanged_files_are_not_hashed_again(
    instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample, monkeypatch
) -> None:
    settle(copy_sample(ANNEX_A, landing))
    first = tick(instance, tmp_settings, None)
    hashed: list[str] = []
    import orchestration.landing as landing_module

    real = landing_module.sha256_of
    monkeypatch.setattr(landing_module, "sha256_of", lambda path: hashed.append(Path(path).name) or real(path))
    tick(instance, tmp_settings, first.cursor)
    assert hashed == []
    assert LandingCursor.loads(first.cursor).files[ANNEX_A].sha256 == describe(landing / ANNEX_A).sha256


def test_a_fresh_sensor_cursor_does_not_reload_what_is_loaded(
    instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    """Turning the sensor on (or resetting it) asks Dagster what each partition last loaded."""
    annex, surrey = copy_sample(ANNEX_A, landing), copy_sample(SURREY, landing)
    settle(annex, surrey)
    load_documents(build_definitions(tmp_settings), instance, [describe(annex)], "test", progress=False)

    result = tick(instance, tmp_settings, None)

    assert requested(result) == {SURREY: describe(surrey).sha256}


def test_landing_sensor_skips_names_a_partition_cannot_have(
    instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings
) -> None:
    odd = landing / "report...final.pdf"
    odd.write_bytes(b"%PDF-1.4")
    settle(odd)
    result = tick(instance, tmp_settings, None)
    assert not result.run_requests and instance.get_dynamic_partitions(DOCUMENTS.name) == []


def test_landing_sensor_without_the_folder_says_so(instance: DagsterInstance, tmp_path: Path) -> None:
    settings = WarehouseSettings(
        landing_dir=str(tmp_path / "nowhere"), warehouse=str(tmp_path / "w.duckdb"), output_dir=str(tmp_path)
    )
    result = tick(instance, settings, None)
    assert "does not exist" in result.skip_reason.skip_message


def queue_run(
    instance: DagsterInstance, job_name: str, status: DagsterRunStatus, tags: dict | None = None
) -> DagsterRun:
    """A run record as the sensor or the UI would leave it in the queue."""
    return instance.add_run(DagsterRun(job_name=job_name, run_id=make_new_run_id(), status=status, tags=tags or {}))


def test_build_sensor_builds_once_after_the_loads(
    instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    defs = build_definitions(tmp_settings)

    def evaluate() -> RunRequest | SkipReason:
        return build_sensor(build_sensor_context(instance=instance))

    assert "Nothing has been loaded yet" in evaluate().skip_message
    copy_sample(ANNEX_A, landing)
    (landing / "broken.pdf").write_text("not a pdf")
    load_documents(defs, instance, [describe(landing / ANNEX_A), describe(landing / "broken.pdf")], "t", False)

    # A load is still queued: wait for it.
    queued = queue_run(instance, "extract_documents", DagsterRunStatus.NOT_STARTED, {"dagster/partition": ANNEX_A})
    assert "Waiting for 1 load" in evaluate().skip_message
    instance.delete_run(queued.run_id)

    request = evaluate()
    # A failed load counts too: fct_load_errors must show it.
    assert isinstance(request, RunRequest) and request.run_key.startswith("after-load-")

    queue_run(instance, "build_marts", DagsterRunStatus.NOT_STARTED)  # the build it asked for
    assert "built after the last load" in evaluate().skip_message

    # The same file loaded again changes nothing: no build, and the sensor says why.
    [again] = load_documents(defs, instance, [describe(landing / ANNEX_A)], "t", False)
    assert again.outcome == "unchanged"
    assert "Nothing new since the last build" in evaluate().skip_message
    # A changed file is news again.
    (landing / ANNEX_A).write_bytes((SAMPLE_REPORTS / SURREY).read_bytes())
    [changed] = load_documents(defs, instance, [describe(landing / ANNEX_A)], "t", False)
    assert changed.outcome == "replaced" and isinstance(evaluate(), RunRequest)


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (date(2026, 6, 1), True),  # Monday the 1st
        (date(2026, 8, 1), False),  # Saturday
        (date(2026, 8, 3), True),  # Monday after a weekend 1st and 2nd
        (date(2026, 11, 2), True),  # Monday after a Sunday 1st
        (date(2026, 11, 3), False),  # Tuesday: the 2nd was the first working day
        (date(2026, 5, 1), True),  # Friday the 1st
    ],
)
def test_first_working_day_of_the_month(day: date, first: bool) -> None:
    assert is_first_working_day(day) is first


def test_monthly_schedule_loads_only_what_was_missed(
    instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    annex, surrey = copy_sample(ANNEX_A, landing), copy_sample(SURREY, landing)
    load_documents(build_definitions(tmp_settings), instance, [describe(annex)], "test", progress=False)

    def run_on(when: datetime):
        context = build_schedule_context(
            instance=instance, scheduled_execution_time=when, resources={"settings": tmp_settings}
        )
        return monthly_schedule(context)

    not_today = run_on(datetime(2026, 8, 1, 7, tzinfo=LONDON))
    assert isinstance(not_today, SkipReason) and "not the first working day" in not_today.skip_message

    requests = run_on(datetime(2026, 8, 3, 7, tzinfo=LONDON))

    assert [(r.partition_key, r.tags[SHA256_TAG]) for r in requests] == [(SURREY, describe(surrey).sha256)]
    assert SURREY in instance.get_dynamic_partitions(DOCUMENTS.name)
