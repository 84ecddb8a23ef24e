"""The Dagster code location: settings, storing documents in the raw tables, and the definitions."""

from dataclasses import fields
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, DefaultScheduleStatus, DefaultSensorStatus

from extract.records import Cell, DocumentResult
from orchestration.raw_tables import (
    CELL_COLUMN_TYPES,
    Outcome,
    ensure_tables,
    retire_document,
    store_document,
)
from orchestration.settings import DEFAULTS, REPO_ROOT, WarehouseSettings

RAW_KEYS = {AssetKey(["raw", "report_cells"]), AssetKey(["raw", "source_documents"]), AssetKey(["raw", "load_errors"])}


def test_settings_default_to_folders_in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [*DEFAULTS, "CSC_SERVING_DB", "CSC_PARQUET_DIR"]:
        monkeypatch.delenv(name, raising=False)
    settings = WarehouseSettings.from_env()
    assert settings.landing_path == REPO_ROOT / "data" / "sample_reports"
    assert settings.warehouse_path == REPO_ROOT / "data" / "warehouse" / "warehouse.duckdb"
    assert settings.output_path == REPO_ROOT / "data" / "output"
    assert settings.serving_path == REPO_ROOT / "data" / "warehouse" / "serving.duckdb"
    assert settings.parquet_path == REPO_ROOT / "data" / "warehouse" / "parquet"


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CSC_LANDING_DIR", "incoming")
    monkeypatch.setenv("CSC_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.delenv("CSC_OUTPUT_DIR", raising=False)
    monkeypatch.delenv("CSC_SERVING_DB", raising=False)
    monkeypatch.setenv("CSC_PARQUET_DIR", str(tmp_path / "bi"))
    settings = WarehouseSettings.from_env()
    assert settings.landing_path == REPO_ROOT / "incoming"
    assert settings.warehouse_path == tmp_path / "w.duckdb"
    # The serving copy follows the warehouse unless told otherwise.
    assert settings.serving_path == tmp_path / "serving.duckdb"
    assert settings.parquet_path == tmp_path / "bi"
    assert settings.as_env()["CSC_WAREHOUSE"] == str(tmp_path / "w.duckdb")
    assert settings.as_env()["CSC_SERVING_DB"] == str(tmp_path / "serving.duckdb")


def _cell(document: str, value_text: str) -> Cell:
    """A cell with every field filled by its type, so records.py may grow fields freely."""
    by_type = {"str": "x", "int": 1, "float": 1.0}
    values = {f.name: by_type[str(f.type).split("|")[0].strip()] for f in fields(Cell)}
    return Cell(**{**values, "document": document, "value_text": value_text})


def _result(
    document: str, cells: int, error: str | None = None, sha256: str = "0" * 64, warnings: list[str] | None = None
) -> DocumentResult:
    return DocumentResult(
        document=document, path=f"/landing/{document}", sha256=sha256, family="fam", council=None,
        edition=None, title=None, pages=1, cells=[_cell(document, str(i)) for i in range(cells)], error=error,
        warnings=warnings or [],
    )


def _snapshot(con: duckdb.DuckDBPyConnection, document: str) -> dict[str, list[tuple]]:
    """Every raw row of a document, loaded_at included."""
    return {
        table: sorted(con.execute(f"SELECT * FROM raw.{table} WHERE document = ?", [document]).fetchall(), key=str)
        for table in ("report_cells", "source_documents", "load_errors")
    }


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int]]:
    return {
        doc: (status, cells)
        for doc, status, cells in con.execute(
            "SELECT d.document, d.status, count(c.document) FROM raw.source_documents d "
            "LEFT JOIN raw.report_cells c USING (document) GROUP BY d.document, d.status"
        ).fetchall()
    }


def test_storing_a_document_adds_it_and_storing_it_again_writes_nothing(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        assert store_document(con, _result("a.pdf", 3), datetime(2026, 1, 1), "run-1") is Outcome.ADDED
        assert store_document(con, _result("b.pdf", 2), datetime(2026, 1, 1), "run-1") is Outcome.ADDED
        before = _snapshot(con, "a.pdf")
        assert store_document(con, _result("a.pdf", 3), datetime(2026, 2, 1), "run-2") is Outcome.UNCHANGED
        assert _snapshot(con, "a.pdf") == before  # loaded_at too: nothing was rewritten
        assert {row[-1] for row in before["report_cells"]} == {datetime(2026, 1, 1)}
        assert _counts(con) == {"a.pdf": ("loaded", 3), "b.pdf": ("loaded", 2)}
        columns = [r[0] for r in con.execute("DESCRIBE raw.report_cells").fetchall()]
        assert columns == list(CELL_COLUMN_TYPES)


def test_a_changed_document_replaces_only_its_own_rows(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        store_document(con, _result("a.pdf", 3), datetime(2026, 1, 1), "run-1")
        store_document(con, _result("b.pdf", 2), datetime(2026, 1, 1), "run-1")
        b_before = _snapshot(con, "b.pdf")
        changed = _result("a.pdf", 5, sha256="1" * 64)
        assert store_document(con, changed, datetime(2026, 2, 1), "run-2") is Outcome.REPLACED
        assert _counts(con) == {"a.pdf": ("loaded", 5), "b.pdf": ("loaded", 2)}
        stored = con.execute("SELECT DISTINCT sha256, loaded_at FROM raw.source_documents WHERE document = 'a.pdf'")
        assert stored.fetchall() == [("1" * 64, datetime(2026, 2, 1))]
        assert _snapshot(con, "b.pdf") == b_before


def test_a_failed_attempt_keeps_the_version_loaded_before_and_records_the_error(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        store_document(con, _result("a.pdf", 3), datetime(2026, 1, 1), "run-1")
        kept = _snapshot(con, "a.pdf")
        broken = _result("a.pdf", 0, error="a.pdf: truncated PDF", sha256="2" * 64)
        assert store_document(con, broken, datetime(2026, 2, 1), "run-2") is Outcome.FAILED_KEPT_PREVIOUS
        after = _snapshot(con, "a.pdf")
        assert after["report_cells"] == kept["report_cells"] and after["source_documents"] == kept["source_documents"]
        assert after["load_errors"] == [
            ("a.pdf", "2" * 64, "error", "a.pdf: truncated PDF", "run-2", datetime(2026, 2, 1))
        ]
        # The fixed file loads again (same version as before: nothing rewritten) and its error goes.
        assert store_document(con, _result("a.pdf", 3), datetime(2026, 3, 1), "run-3") is Outcome.UNCHANGED
        assert _snapshot(con, "a.pdf") == kept


def test_a_document_that_never_loaded_is_recorded_as_failed(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        error = "x.pdf: not a PDF: no %PDF header"
        assert store_document(con, _result("x.pdf", 0, error=error), datetime(2026, 1, 1), "run-1") is Outcome.FAILED
        first = _snapshot(con, "x.pdf")
        assert store_document(con, _result("x.pdf", 0, error=error), datetime(2026, 1, 2), "run-2") is Outcome.FAILED
        assert _snapshot(con, "x.pdf") == first  # the same failure again changes nothing either
        assert _counts(con) == {"x.pdf": ("failed", 0)}
        assert first["load_errors"][0][2:4] == ("error", error)
        fixed = _result("x.pdf", 4, sha256="3" * 64)
        assert store_document(con, fixed, datetime(2026, 1, 3), "run-3") is Outcome.REPLACED
        assert _counts(con) == {"x.pdf": ("loaded", 4)}
        assert _snapshot(con, "x.pdf")["load_errors"] == []


def test_warnings_are_recorded_with_the_loaded_document(tmp_path: Path) -> None:
    warning = "u.pdf: no known report family matches; cells read generically"
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        store_document(con, _result("u.pdf", 2, warnings=[warning]), datetime(2026, 1, 1), "run-1")
        assert _counts(con) == {"u.pdf": ("loaded", 2)}
        assert con.execute("SELECT severity, message, run_id FROM raw.load_errors").fetchall() == [
            ("warning", warning, "run-1")
        ]


def test_retiring_removes_a_documents_rows_and_records_it(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        store_document(con, _result("a.pdf", 3), datetime(2026, 1, 1), "run-1")
        store_document(con, _result("b.pdf", 2), datetime(2026, 1, 1), "run-1")
        retired = retire_document(con, "a.pdf", datetime(2026, 2, 1), "run-2")
        assert (retired.document, retired.cells) == ("a.pdf", 3)
        assert _counts(con) == {"b.pdf": ("loaded", 2)}
        assert con.execute("SELECT document, cells, retired_at FROM raw.retired_documents").fetchall() == [
            ("a.pdf", 3, datetime(2026, 2, 1))
        ]
        assert retire_document(con, "never-seen.pdf", datetime(2026, 2, 1), "run-3") is None


def test_raw_tables_gain_new_columns_and_refuse_unknown_ones(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("CREATE SCHEMA raw; CREATE TABLE raw.report_cells (document VARCHAR, value_text VARCHAR)")
        con.execute("INSERT INTO raw.report_cells VALUES ('old.pdf', '12')")
        store_document(con, _result("a.pdf", 1), datetime(2026, 1, 1), "run-1")
        assert _counts(con) == {"a.pdf": ("loaded", 1)}
        assert con.execute("SELECT count(*) FROM raw.report_cells").fetchall() == [(2,)]
        con.execute("ALTER TABLE raw.report_cells ADD COLUMN retired VARCHAR")
        with pytest.raises(RuntimeError, match="retired"):
            ensure_tables(con)


def test_definitions_wire_raw_dbt_scorecards_and_serving() -> None:
    from orchestration.definitions import defs
    from orchestration.landing_asset import LANDING_PDFS
    from orchestration.partitions import DOCUMENTS

    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    assert RAW_KEYS <= keys
    # Lineage starts at the landing folder's PDFs: observed, never materialised.
    landing = graph.get(LANDING_PDFS)
    assert landing.is_observable and not landing.is_materializable and landing.group_name == "landing"
    # A dbt source without a matching raw asset would appear as an external, unmaterialisable asset.
    assert all(graph.get(key).is_materializable for key in keys - {LANDING_PDFS})
    for key in RAW_KEYS:
        assert graph.get(key).partitions_def == DOCUMENTS and graph.get(key).group_name == "raw"
        assert graph.get(key).parent_keys == {LANDING_PDFS}
    downstream = keys - RAW_KEYS - {LANDING_PDFS}
    assert all(graph.get(key).partitions_def is None for key in downstream)
    # dbt reads all three raw tables; the scorecards and the serving copy hang off the marts.
    assert {AssetKey(["staging", "stg_raw__load_errors"]), AssetKey(["marts", "fct_load_errors"])} <= keys
    assert AssetKey(["raw", "load_errors"]) in graph.get(AssetKey(["staging", "stg_raw__load_errors"])).parent_keys
    assert AssetKey(["marts", "fct_load_errors"]) in graph.get(AssetKey(["serving", "marts"])).parent_keys
    assert AssetKey(["marts", "fct_scorecard"]) in graph.get(AssetKey("council_scorecards")).parent_keys
    assert graph.get(AssetKey("scorecard_index")).parent_keys == {
        AssetKey(f"{kind}_scorecards") for kind in ("council", "benchmark", "org_unit")
    }

    extract_job = defs.resolve_job_def("extract_documents")
    assert extract_job.partitions_def == DOCUMENTS
    assert set(extract_job.asset_layer.selected_asset_keys) == RAW_KEYS
    build_job = defs.resolve_job_def("build_marts")
    assert set(build_job.asset_layer.selected_asset_keys) == downstream
    assert defs.resolve_job_def("retire_document") is not None
    # Both the sensors and the monthly schedule run as soon as `make dev` starts.
    assert {s.name: s.default_status for s in defs.sensors} == {
        "landing_sensor": DefaultSensorStatus.RUNNING,
        "build_sensor": DefaultSensorStatus.RUNNING,
    }
    [schedule] = defs.schedules
    assert (schedule.name, schedule.default_status) == ("monthly_schedule", DefaultScheduleStatus.RUNNING)
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 7 1-3 * *", "Europe/London")


def test_dbt_commands_ask_no_network_and_open_no_adapter_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """dagster-dbt would run `dbt --version` (which asks PyPI) and load an adapter in this process
    before every command; OfflineDbtCliResource replaces both private steps, so a renamed one fails here."""
    import importlib.metadata

    import dagster_dbt.core.resource
    from dagster_dbt.core.dbt_cli_invocation import DbtCliInvocation

    from orchestration.dbt_models import OfflineDbtCliResource, dbt_project, venv_dbt_executable

    def no_subprocess(command: list[str]) -> bytes:
        raise AssertionError(f"ran {command}")

    started: dict = {}
    monkeypatch.setattr(dagster_dbt.core.resource, "check_output", no_subprocess)
    monkeypatch.setattr(DbtCliInvocation, "run", classmethod(lambda cls, **kwargs: started.update(kwargs)))
    resource = OfflineDbtCliResource(project_dir=dbt_project, dbt_executable=venv_dbt_executable())
    resource.cli(["build"], target_path=dbt_project.target_path)
    assert started["args"][1:] == ["build"]
    assert started["adapter"] is None
    assert str(started["cli_version"]) == importlib.metadata.version("dbt-core")


def test_dbt_tests_are_split_into_blocking_and_warning() -> None:
    from orchestration.dbt_tests import dbt_tests_by_severity

    blocking, warning = dbt_tests_by_severity()
    assert blocking and warning
    assert ("fct_load_errors", "accepted_values_fct_load_errors_severity__error__warning") in blocking
    assert ("stg_raw__source_documents", "not_null_stg_raw__source_documents_edition_date") in warning


def test_files_given_from_elsewhere_are_copied_into_the_landing_folder(tmp_path: Path, landing: Path) -> None:
    from orchestration.loading import stage_into_landing

    elsewhere = tmp_path / "inbox"
    elsewhere.mkdir()
    (elsewhere / "a.pdf").write_bytes(b"%PDF-a")
    (elsewhere / "notes.txt").write_text("not a PDF")
    (elsewhere / "odd...name.pdf").write_bytes(b"%PDF-odd")
    (landing / "b.pdf").write_bytes(b"%PDF-b")

    staged, skipped = stage_into_landing([elsewhere, landing / "b.pdf", tmp_path / "missing.pdf"], landing)

    assert staged == [landing / "a.pdf", landing / "b.pdf"]
    assert (landing / "a.pdf").read_bytes() == b"%PDF-a" and (elsewhere / "a.pdf").exists()
    assert set(skipped) == {"odd...name.pdf", "missing.pdf"}
    assert "does not exist" in skipped["missing.pdf"]
