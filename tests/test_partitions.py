"""One partition per document: reruns, idempotent reloads, changed files, and a backfill over all partitions.

These run the extract_documents job (no dbt) against a throwaway Dagster instance.
"""

import logging
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, AssetPartitionStatus, DagsterInstance, DagsterRunStatus, Definitions, instance_for_test

import extract
from extract.families import load_registry
from orchestration.definitions import build_definitions
from orchestration.landing import describe
from orchestration.loading import DocumentLoad, load_documents
from orchestration.partitions import DOCUMENTS
from orchestration.settings import WarehouseSettings
from tests.conftest import SAMPLE_REPORTS
from tests.test_bad_input import make_truncated

ANNEX_A = "lancashire_annex_a__2020-09-01__dev.pdf"
SURREY = "surrey_cfllc__2020-12-14__dev.pdf"
NE_Q1 = "ne_kpi__2017-q1__dev.pdf"
REPORT_CELLS = AssetKey(["raw", "report_cells"])


@pytest.fixture
def instance() -> Iterator[DagsterInstance]:
    with instance_for_test() as test_instance:
        yield test_instance


@pytest.fixture
def defs(tmp_settings: WarehouseSettings) -> Definitions:
    return build_definitions(tmp_settings)


def load(defs: Definitions, instance: DagsterInstance, landing: Path, *names: str) -> dict[str, DocumentLoad]:
    loads = load_documents(defs, instance, [describe(landing / n) for n in names], "test", progress=False)
    return {d.document: d for d in loads}


def raw_rows(settings: WarehouseSettings, document: str) -> dict[str, list[tuple]]:
    """Every raw row of one document, loaded_at included, to compare before and after."""
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        return {
            table: sorted(con.execute(f"SELECT * FROM raw.{table} WHERE document = ?", [document]).fetchall(), key=str)
            for table in ("report_cells", "source_documents", "load_errors")
        }


def test_reloading_the_same_file_changes_nothing(
    defs: Definitions, instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    copy_sample(ANNEX_A, landing)
    assert load(defs, instance, landing, ANNEX_A)[ANNEX_A].outcome == "added"
    before = raw_rows(tmp_settings, ANNEX_A)
    assert len(before["report_cells"]) == 499

    again = load(defs, instance, landing, ANNEX_A)[ANNEX_A]

    assert again.success and again.outcome == "unchanged"
    assert raw_rows(tmp_settings, ANNEX_A) == before


def test_a_changed_file_replaces_only_its_own_rows(
    defs: Definitions, instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    copy_sample(ANNEX_A, landing)
    copy_sample(SURREY, landing)
    load(defs, instance, landing, ANNEX_A, SURREY)
    annex_before, surrey_before = raw_rows(tmp_settings, ANNEX_A), raw_rows(tmp_settings, SURREY)
    # A corrected report is saved over the old one under the same name (here: other content).
    (landing / SURREY).write_bytes((SAMPLE_REPORTS / NE_Q1).read_bytes())

    changed = load(defs, instance, landing, SURREY)[SURREY]

    assert changed.success and changed.outcome == "replaced"
    surrey_after = raw_rows(tmp_settings, SURREY)
    assert len(surrey_after["report_cells"]) == 860  # the cells of the new content
    assert {row[1] for row in surrey_after["report_cells"]} == {describe(landing / SURREY).sha256}
    assert surrey_after != surrey_before
    assert raw_rows(tmp_settings, ANNEX_A) == annex_before


def test_rerun_of_one_partition_after_the_file_is_fixed(
    defs: Definitions, instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    copy_sample(ANNEX_A, landing)
    make_truncated(landing / SURREY)  # an upload cut short
    first = load(defs, instance, landing, ANNEX_A, SURREY)
    assert first[ANNEX_A].success and not first[SURREY].success
    assert first[SURREY].message.startswith(f"{SURREY}: truncated PDF")
    assert instance.get_status_by_partition(REPORT_CELLS, [ANNEX_A, SURREY], DOCUMENTS) == {
        ANNEX_A: AssetPartitionStatus.MATERIALIZED,
        SURREY: AssetPartitionStatus.FAILED,
    }
    annex_before = raw_rows(tmp_settings, ANNEX_A)
    assert [r[2:4] for r in raw_rows(tmp_settings, SURREY)["load_errors"]] == [("error", first[SURREY].message)]

    copy_sample(SURREY, landing)  # the complete file arrives
    rerun = load(defs, instance, landing, SURREY)[SURREY]

    assert rerun.success and rerun.outcome == "replaced"
    status = instance.get_status_by_partition(REPORT_CELLS, [SURREY], DOCUMENTS)
    assert status[SURREY] == AssetPartitionStatus.MATERIALIZED
    surrey = raw_rows(tmp_settings, SURREY)
    assert len(surrey["report_cells"]) == 85 and surrey["load_errors"] == []
    assert raw_rows(tmp_settings, ANNEX_A) == annex_before  # the rerun touched nothing else


def test_two_worker_processes_load_each_document_in_its_own_run(
    defs: Definitions, instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    for name in (ANNEX_A, SURREY, NE_Q1):
        copy_sample(name, landing)
    make_truncated(landing / "rotherham_monthly__2020-11__cut.pdf")
    names = [ANNEX_A, "rotherham_monthly__2020-11__cut.pdf", SURREY, NE_Q1]

    loads = load_documents(
        defs, instance, [describe(landing / n) for n in names], "test", progress=False, workers=2, settings=tmp_settings
    )

    assert [d.document for d in loads] == names  # in the order given, whichever finished first
    assert [d.success for d in loads] == [True, False, True, True]
    assert loads[1].message.startswith("rotherham_monthly__2020-11__cut.pdf: truncated PDF")
    assert len({d.run_id for d in loads}) == 4  # one recorded run each, as the sensors start them
    assert all(instance.get_run_by_id(d.run_id).tags["dagster/partition"] == d.document for d in loads)
    with duckdb.connect(tmp_settings.warehouse, read_only=True) as con:
        cells = dict(con.execute("SELECT document, count(*) FROM raw.report_cells GROUP BY 1").fetchall())
        contacts = con.execute(
            "SELECT page, value FROM raw.report_cells WHERE document = ? AND row_label = 'Contacts in the last 6 months'",
            [SURREY],
        ).fetchall()
    assert cells == {ANNEX_A: 499, SURREY: 85, NE_Q1: 860}
    assert contacts == [(1, 26618.0)]


def test_a_broken_replacement_fails_and_keeps_the_loaded_version(
    defs: Definitions, instance: DagsterInstance, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    copy_sample(SURREY, landing)
    load(defs, instance, landing, SURREY)
    before = raw_rows(tmp_settings, SURREY)
    make_truncated(landing / SURREY)

    broken = load(defs, instance, landing, SURREY)[SURREY]

    assert not broken.success and broken.outcome == "failed, previous version kept"
    assert "The version loaded before stays in the warehouse" in broken.message
    after = raw_rows(tmp_settings, SURREY)
    assert after["report_cells"] == before["report_cells"] and after["source_documents"] == before["source_documents"]
    [(_, sha256, severity, message, _, _)] = after["load_errors"]
    assert (sha256, severity) == (describe(landing / SURREY).sha256, "error") and "truncated PDF" in message
    assert (landing / SURREY).exists()


def test_no_known_family_loads_the_cells_with_a_warning(
    defs: Definitions,
    instance: DagsterInstance,
    landing: Path,
    tmp_settings: WarehouseSettings,
    copy_sample,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The partition succeeds: the cells are in the warehouse, the warning in raw.load_errors."""
    copy_sample(ANNEX_A, landing)
    registry = [f for f in load_registry() if f.name != "lancashire_annex_a"]
    real = extract.extract_document
    monkeypatch.setattr(extract, "extract_document", lambda path: real(path, registry=registry))

    loaded = load(defs, instance, landing, ANNEX_A)[ANNEX_A]

    assert loaded.success and loaded.outcome == "added"
    rows = raw_rows(tmp_settings, ANNEX_A)
    assert len(rows["report_cells"]) == 499
    [(_, _, severity, message, _, _)] = rows["load_errors"]
    assert severity == "warning" and message.startswith(ANNEX_A) and "no known report family" in message


def _workspace_file(tmp_path: Path, settings: WarehouseSettings) -> Path:
    """A code location file for the daemon's workspace: the project's definitions on this test's folders."""
    path = tmp_path / "backfill_location.py"
    path.write_text(
        "from orchestration.definitions import build_definitions\n"
        "from orchestration.settings import WarehouseSettings\n"
        f"defs = build_definitions(WarehouseSettings(landing_dir={settings.landing_dir!r}, "
        f"warehouse={settings.warehouse!r}, output_dir={settings.output_dir!r}))\n"
    )
    return path


def test_one_backfill_over_all_partitions_reextracts_every_document(
    tmp_path: Path, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    """The backfill the command line submits, run by the daemon's backfill loop with runs in this process."""
    from dagster._core.execution.backfill import BulkActionStatus
    from dagster._core.remote_origin import InProcessCodeLocationOrigin
    from dagster._core.test_utils import InProcessTestWorkspaceLoadTarget
    from dagster._core.types.loadable_target_origin import LoadableTargetOrigin
    from dagster._core.workspace.context import WorkspaceProcessContext
    from dagster._daemon.backfill import execute_backfill_iteration

    from orchestration.backfill import submit_reextract_backfill
    from orchestration.build_sensor import build_request

    for name in (ANNEX_A, SURREY):
        copy_sample(name, landing)
    (landing / "broken.pdf").write_text("not a pdf")
    defs = build_definitions(tmp_settings)
    origin = InProcessCodeLocationOrigin(
        LoadableTargetOrigin(python_file=str(_workspace_file(tmp_path, tmp_settings)), attribute="defs"),
        location_name="csc_warehouse_test",
    )
    with instance_for_test(synchronous_run_launcher=True, synchronous_run_coordinator=True) as instance:
        first = load(defs, instance, landing, ANNEX_A, SURREY, "broken.pdf")
        annex_loaded_at = raw_rows(tmp_settings, ANNEX_A)["source_documents"][0][-1]

        backfill_id = submit_reextract_backfill(defs, instance, reason="test")
        with WorkspaceProcessContext(instance, InProcessTestWorkspaceLoadTarget(origin)) as workspace:
            for _ in range(10):
                list(execute_backfill_iteration(workspace, logging.getLogger("backfill")))
                if instance.get_backfill(backfill_id).status != BulkActionStatus.REQUESTED:
                    break
        backfill = instance.get_backfill(backfill_id)
        runs = instance.get_runs()
        by_partition = {
            r.tags["dagster/partition"]: r.status for r in runs if r.tags.get("dagster/backfill") == backfill_id
        }
        build_after = build_request(_sensor_context(instance))

    assert first["broken.pdf"].success is False
    # One run per partition: the broken document fails alone, the others load again, unchanged.
    assert by_partition == {
        ANNEX_A: DagsterRunStatus.SUCCESS,
        SURREY: DagsterRunStatus.SUCCESS,
        "broken.pdf": DagsterRunStatus.FAILURE,
    }
    assert backfill.status == BulkActionStatus.COMPLETED_FAILED
    assert raw_rows(tmp_settings, ANNEX_A)["source_documents"][0][-1] == annex_loaded_at
    # With every run finished, the build sensor asks for one build of the marts.
    assert build_after.run_key and build_after.run_key.startswith("after-load-")


def _sensor_context(instance: DagsterInstance):
    from dagster import build_sensor_context

    return build_sensor_context(instance=instance)


def test_backfill_needs_partitions(tmp_settings: WarehouseSettings, instance: DagsterInstance) -> None:
    from orchestration.backfill import submit_reextract_backfill

    with pytest.raises(ValueError, match="no document partitions"):
        submit_reextract_backfill(build_definitions(tmp_settings), instance)
    assert instance.get_dynamic_partitions(DOCUMENTS.name) == []
