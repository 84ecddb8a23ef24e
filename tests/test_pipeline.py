"""The whole pipeline through the command line, with analysts reading the serving database meanwhile.

One module-scoped load (extraction of two small reports and a broken file, dbt build,
scorecards, serving copy) runs while reader processes keep querying the serving
database; the tests then look at what each side saw. The warehouse already holds a
report of no known family whose file has since been removed. The last tests retire a
document (a second build) and break a blocking dbt test (a third, short one).
"""

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, DagsterInstance, instance_for_test
from dagster._core.events import DagsterEventType

from extract import extract_document
from extract.families import load_registry
from orchestration.cli import main
from orchestration.definitions import build_definitions
from orchestration.loading import build
from orchestration.raw_tables import store_document
from orchestration.warehouse_lock import writing
from orchestration.partitions import DOCUMENTS
from orchestration.serving import publish_marts
from orchestration.settings import WarehouseSettings
from tests.conftest import SAMPLE_REPORTS, settings_with_landing
from tests.test_serving import make_warehouse

ANNEX_A = "lancashire_annex_a__2020-09-01__dev.pdf"
SURREY = "surrey_cfllc__2020-12-14__dev.pdf"
BROKEN = "broken.pdf"
NOT_A_PDF = "not a PDF: no %PDF header (the file starts with b'Contacts,26618\\n')"
UNKNOWN = "ne_kpi__2017-q1__dev.pdf"  # loaded earlier as a report of no known family; its file since removed

# An analyst's session: `reconnect` opens a fresh connection for each query; `hold` keeps one
# open all along (in a process of its own: DuckDB shares one open database per path within a
# process, so a held connection would also serve the reconnecting queries).
READER = textwrap.dedent(
    """
    import json, pathlib, sys, time
    import duckdb

    mode, serving, stop, out = sys.argv[1:5]

    def snapshot(con):
        published = con.execute("SELECT run_id, table_name, row_count FROM main.publication").fetchall()
        live = {t: con.execute(f'SELECT count(*) FROM marts."{t}"').fetchall()[0][0] for _, t, _ in published}
        return {"run_ids": sorted({r for r, _, _ in published}), "declared": {t: n for _, t, n in published},
                "live": live, "at": time.time()}

    held = duckdb.connect(serving, read_only=True) if mode == "hold" else None
    snapshots, errors = [], []
    while True:
        last = pathlib.Path(stop).exists()
        try:
            if held is not None:
                snapshots.append(snapshot(held))
            else:
                with duckdb.connect(serving, read_only=True) as con:
                    snapshots.append(snapshot(con))
        except Exception as error:
            errors.append(repr(error))
        if last:
            break
        time.sleep(0.25)
    pathlib.Path(out).write_text(json.dumps({"snapshots": snapshots, "errors": errors}))
    """
)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str] | None = None) -> tuple[int, str, str]:
    code = main(args)
    if capsys is None:
        return code, "", ""
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("pipeline")
    settings = settings_with_landing(root, (ANNEX_A, SURREY), broken=BROKEN)
    unknown = extract_document(SAMPLE_REPORTS / UNKNOWN, registry=[f for f in load_registry() if f.name != "ne_kpi"])
    assert unknown.family is None and unknown.cells and unknown.warnings
    with writing(settings.warehouse_path) as con:
        store_document(con, unknown, datetime(2026, 1, 1), "an-earlier-run")
    # The marts analysts had before this load: a small stand-in publication.
    make_warehouse(root / "old" / "warehouse.duckdb", rows=2)
    publish_marts(root / "old" / "warehouse.duckdb", settings.serving_path, settings.parquet_path, run_id="old-build")

    with pytest.MonkeyPatch.context() as env, instance_for_test() as instance:
        for name, value in settings.as_env().items():
            env.setenv(name, value)
        env.setenv("CHROME_PATH", str(root / "no-browser"))  # HTML scorecards only; PNGs have their own test
        stop = root / "stop-reading"
        readers = {
            mode: subprocess.Popen(
                [sys.executable, "-c", READER, mode, str(settings.serving_path), str(stop), str(root / f"{mode}.json")]
            )
            for mode in ("reconnect", "hold")
        }
        time.sleep(1.0)
        started = time.time()
        code = main(["load", "--no-progress"])
        finished = time.time()
        stop.touch()
        assert all(reader.wait(timeout=120) == 0 for reader in readers.values())
        yield {
            "settings": settings,
            "instance": instance,
            "env": env,
            "load_exit_code": code,
            "load_window": (started, finished),
            "readers": {mode: json.loads((root / f"{mode}.json").read_text()) for mode in readers},
        }


def test_the_reader_sees_old_or_new_marts_never_a_mixture(pipeline: dict) -> None:
    reader, holder = pipeline["readers"]["reconnect"], pipeline["readers"]["hold"]
    started, finished = pipeline["load_window"]
    assert reader["errors"] == [] and holder["errors"] == []
    snapshots = reader["snapshots"]
    during = [s for s in snapshots if started <= s["at"] <= finished]
    assert len(during) >= 20, "the reader should have been reading while the load ran"
    with duckdb.connect(str(pipeline["settings"].serving_path), read_only=True) as con:
        [(new_run,)] = con.execute("SELECT DISTINCT run_id FROM main.publication").fetchall()
    versions = [s["run_ids"] for s in snapshots]
    assert set(map(tuple, versions)) == {("old-build",), (new_run,)}
    # Each snapshot is one whole publication: every mart has the rows its publication recorded.
    assert all(s["live"] == s["declared"] for s in snapshots)
    old = [s for s in snapshots if s["run_ids"] == ["old-build"]]
    assert all(s["declared"] == {"dim_a": 2, "fct_b": 2, "v_c": 1} for s in old)
    assert {"fct_indicator_value", "fct_load_errors", "dim_source_document"} <= set(snapshots[-1]["declared"])
    # Old until the swap, new after it, never back.
    first_new = versions.index([new_run])
    assert all(v == ["old-build"] for v in versions[:first_new]) and all(v == [new_run] for v in versions[first_new:])
    # A connection held open all along keeps reading the old publication, whole, until it reconnects.
    assert len(holder["snapshots"]) >= 20
    assert all(s["run_ids"] == ["old-build"] and s["live"] == s["declared"] for s in holder["snapshots"])


def test_the_load_fails_the_broken_file_alone_and_builds_everything(pipeline: dict) -> None:
    settings: WarehouseSettings = pipeline["settings"]
    assert pipeline["load_exit_code"] == 1  # one document failed
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        status = dict(con.execute("SELECT document, status FROM raw.source_documents").fetchall())
    assert status == {ANNEX_A: "loaded", SURREY: "loaded", BROKEN: "failed", UNKNOWN: "loaded"}
    with duckdb.connect(str(settings.serving_path), read_only=True) as con:
        errors = con.execute(
            "SELECT document, severity, message, loaded_document_sha256 IS NOT NULL, is_loaded_version "
            "FROM marts.fct_load_errors ORDER BY severity"
        ).fetchall()
        facts = dict(con.execute("SELECT document, count(*) FROM marts.fct_indicator_value GROUP BY 1").fetchall())
        rows = dict(con.execute("SELECT table_name, row_count FROM main.publication").fetchall())
    assert errors == [
        (BROKEN, "error", f"{BROKEN}: {NOT_A_PDF}", False, False),
        (UNKNOWN, "warning", f"{UNKNOWN}: no known report family matches; cells read generically", True, True),
    ]
    assert facts.get(ANNEX_A, 0) > 0 and facts.get(SURREY, 0) > 0
    # A report of no known family stays out of the scorecards until it is mapped.
    with duckdb.connect(str(settings.serving_path), read_only=True) as con:
        scorecard_documents = {r[0] for r in con.execute("SELECT DISTINCT source_document FROM marts.fct_scorecard").fetchall()}
        unknown_path = con.execute("SELECT document_path FROM marts.dim_source_document WHERE document = ?", [UNKNOWN]).fetchall()
    assert UNKNOWN not in scorecard_documents and scorecard_documents
    assert unknown_path == [(UNKNOWN,)]  # stored with its absolute path by an earlier load, shown relative
    # Parquet has the same marts as the serving database.
    parquet = {
        p.stem: duckdb.sql(f"SELECT count(*) FROM '{p}'").fetchall()[0][0] for p in settings.parquet_path.glob("*.parquet")
    }
    assert parquet == rows
    assert list((settings.output_path / "scorecards" / "council").glob("*.html"))
    # Files are never moved or deleted by a load.
    assert sorted(p.name for p in settings.landing_path.iterdir()) == sorted([ANNEX_A, SURREY, BROKEN])


def test_runs_are_recorded_in_the_instance_one_per_document(pipeline: dict) -> None:
    instance: DagsterInstance = pipeline["instance"]
    runs = instance.get_runs()
    loads = {r.tags.get("dagster/partition"): r.status.value for r in runs if r.job_name == "extract_documents"}
    assert loads == {ANNEX_A: "SUCCESS", SURREY: "SUCCESS", BROKEN: "FAILURE"}
    assert [r.status.value for r in runs if r.job_name == "build_marts"] == ["SUCCESS"]


def test_status_shows_what_loaded_and_what_failed(pipeline: dict, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["status"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert "4 document(s): 3 loaded, 1 never loaded" in lines
    assert any(line.split()[:3] == [ANNEX_A, "loaded", "lancashire_annex_a"] for line in lines)
    assert f"  {BROKEN}: {NOT_A_PDF}" in lines
    assert any(line.split()[:3] == [BROKEN, "failed", f"{BROKEN}:"] for line in lines)  # the reason on its line
    assert "  waiting to load: none" in lines
    assert f"  removed, facts kept until retired: {UNKNOWN}" in lines
    assert f"  {UNKNOWN}: no known report family matches; cells read generically" in lines


def test_retiring_a_document_takes_its_facts_out_of_the_marts(
    pipeline: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    """Runs last: it changes the shared warehouse."""
    settings: WarehouseSettings = pipeline["settings"]
    instance: DagsterInstance = pipeline["instance"]
    # Refused while the file is in the landing folder: the sensor would load it straight back.
    code, _, err = run_cli(["retire", SURREY, "--no-progress"], capsys)
    assert code == 2 and "still in the landing folder" in err
    code, _, err = run_cli(["retire", "never-loaded.pdf", "--no-progress"], capsys)
    assert code == 1 and "never-loaded.pdf: no such document" in err
    (settings.landing_path / SURREY).unlink()
    code, out, _ = run_cli(["status"], capsys)
    assert f"  removed, facts kept until retired: {UNKNOWN}, {SURREY}" in out.splitlines()

    code, out, err = run_cli(["retire", SURREY, "--no-progress"], capsys)

    assert code == 0, err
    assert out.startswith(f"Retired {SURREY}")
    assert SURREY not in instance.get_dynamic_partitions(DOCUMENTS.name)
    with duckdb.connect(str(settings.serving_path), read_only=True) as con:
        documents = {r[0] for r in con.execute("SELECT document FROM marts.dim_source_document").fetchall()}
        facts = dict(con.execute("SELECT document, count(*) FROM marts.fct_indicator_value GROUP BY 1").fetchall())
    assert documents == {ANNEX_A, BROKEN, UNKNOWN}
    assert SURREY not in facts and facts[ANNEX_A] > 0
    code, out, _ = run_cli(["status"], capsys)
    assert any(line.startswith(f"  {SURREY} (") for line in out.split("Retired:")[1].splitlines())


def _first_build(instance: DagsterInstance):
    """The build of the module's load (get_runs lists the newest first)."""
    return [r for r in instance.get_runs() if r.job_name == "build_marts"][-1]


def _events(instance: DagsterInstance, run_id: str, kind: DagsterEventType) -> list:
    return [r.event_log_entry.dagster_event for r in instance.get_records_for_run(run_id, of_type=kind).records]


def test_a_failed_warning_test_blocks_nothing(pipeline: dict) -> None:
    """The report of no known family has no edition: a dbt test of severity warn fails, the build goes on."""
    instance: DagsterInstance = pipeline["instance"]
    first_build = _first_build(instance)
    checks = {
        e.event_specific_data.check_name: e.event_specific_data
        for e in _events(instance, first_build.run_id, DagsterEventType.ASSET_CHECK_EVALUATION)
    }
    edition = checks["not_null_stg_raw__source_documents_edition_date"]
    assert edition.passed is False and edition.severity.value == "WARN"
    materialized = {e.asset_key for e in _events(instance, first_build.run_id, DagsterEventType.ASSET_MATERIALIZATION)}
    assert {AssetKey("council_scorecards"), AssetKey(["serving", "marts"])} <= materialized
    assert first_build.status.value == "SUCCESS"


def test_a_failed_blocking_test_stops_the_scorecards_and_the_serving_copy(pipeline: dict) -> None:
    """Runs after the others: a raw row no loader writes breaks an error-severity source test."""
    settings: WarehouseSettings = pipeline["settings"]
    instance: DagsterInstance = pipeline["instance"]
    with duckdb.connect(str(settings.serving_path), read_only=True) as con:
        published_before = con.execute("SELECT DISTINCT run_id FROM main.publication").fetchall()
    with writing(settings.warehouse_path) as con:
        con.execute("INSERT INTO raw.source_documents (document, status) VALUES ('odd.pdf', 'half-loaded')")
    try:
        result = build(build_definitions(settings), instance, progress=False)
    finally:
        with writing(settings.warehouse_path) as con:
            con.execute("DELETE FROM raw.source_documents WHERE document = 'odd.pdf'")

    assert not result.success and result.failed_steps == ["dbt_models"]
    materialized = {e.asset_key for e in _events(instance, result.run_id, DagsterEventType.ASSET_MATERIALIZATION)}
    assert AssetKey("council_scorecards") not in materialized and AssetKey(["serving", "marts"]) not in materialized
    with duckdb.connect(str(settings.serving_path), read_only=True) as con:
        assert con.execute("SELECT DISTINCT run_id FROM main.publication").fetchall() == published_before
