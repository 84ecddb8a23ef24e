"""The Dagster code location: settings, the raw tables, and the load_reports job end to end."""

from dataclasses import fields
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, materialize

import extract
from extract.records import Cell, DocumentResult
from orchestration.landing import source_documents
from orchestration.raw import raw_report_cells
from orchestration.raw_tables import CELL_COLUMN_TYPES, replace_documents
from orchestration.settings import DEFAULTS, REPO_ROOT, WarehouseSettings

RAW_KEYS = {AssetKey(["raw", "report_cells"]), AssetKey(["raw", "source_documents"])}
# Two small reports of different families, for runs through the whole pipeline.
SMALL_SAMPLES = ("lancashire_annex_a__2020-09-01__dev.pdf", "surrey_cfllc__2020-12-14__dev.pdf")


def test_settings_default_to_folders_in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in DEFAULTS:
        monkeypatch.delenv(name, raising=False)
    settings = WarehouseSettings.from_env()
    assert settings.landing_path == REPO_ROOT / "data" / "sample_reports"
    assert settings.warehouse_path == REPO_ROOT / "data" / "warehouse" / "warehouse.duckdb"
    assert settings.output_path == REPO_ROOT / "data" / "output"


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CSC_LANDING_DIR", "incoming")
    monkeypatch.setenv("CSC_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.delenv("CSC_OUTPUT_DIR", raising=False)
    settings = WarehouseSettings.from_env()
    assert settings.landing_path == REPO_ROOT / "incoming"
    assert settings.warehouse_path == tmp_path / "w.duckdb"
    assert settings.as_env()["CSC_WAREHOUSE"] == str(tmp_path / "w.duckdb")


def _cell(document: str, value_text: str) -> Cell:
    """A cell with every field filled by its type, so records.py may grow fields freely."""
    by_type = {"str": "x", "int": 1, "float": 1.0}
    values = {f.name: by_type[str(f.type).split("|")[0].strip()] for f in fields(Cell)}
    return Cell(**{**values, "document": document, "value_text": value_text})


def _result(document: str, cells: int, error: str | None = None) -> DocumentResult:
    return DocumentResult(
        document=document, path=f"/landing/{document}", sha256="0" * 64, family="fam", council=None,
        edition=None, title=None, pages=1, cells=[_cell(document, str(i)) for i in range(cells)], error=error,
    )


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int]]:
    return {
        doc: (status, cells)
        for doc, status, cells in con.execute(
            "SELECT d.document, d.status, count(c.document) FROM raw.source_documents d "
            "LEFT JOIN raw.report_cells c USING (document) GROUP BY d.document, d.status"
        ).fetchall()
    }


def test_replace_documents_replaces_each_documents_rows(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        replace_documents(con, [_result("a.pdf", 3), _result("b.pdf", 2)], datetime(2026, 1, 1))
        replace_documents(con, [_result("a.pdf", 0, error="a.pdf: truncated PDF")], datetime(2026, 1, 2))
        assert _counts(con) == {"a.pdf": ("failed", 0), "b.pdf": ("loaded", 2)}
        columns = [r[0] for r in con.execute("DESCRIBE raw.report_cells").fetchall()]
        assert columns == list(CELL_COLUMN_TYPES)


def test_raw_tables_gain_new_columns_and_refuse_unknown_ones(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("CREATE SCHEMA raw; CREATE TABLE raw.report_cells (document VARCHAR, value_text VARCHAR)")
        con.execute("INSERT INTO raw.report_cells VALUES ('old.pdf', '12')")
        replace_documents(con, [_result("a.pdf", 1)], datetime(2026, 1, 1))
        assert _counts(con) == {"a.pdf": ("loaded", 1)}
        assert con.execute("SELECT count(*) FROM raw.report_cells").fetchone()[0] == 2
        con.execute("ALTER TABLE raw.report_cells ADD COLUMN retired VARCHAR")
        with pytest.raises(RuntimeError, match="retired"):
            replace_documents(con, [_result("a.pdf", 1)], datetime(2026, 1, 2))


def test_extractor_crash_stays_with_its_document(
    monkeypatch: pytest.MonkeyPatch, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    crashing, good = (copy_sample(name, landing) for name in SMALL_SAMPLES)
    real = extract.extract_document

    def extract_or_crash(path: Path) -> DocumentResult:
        if Path(path).name == crashing.name:
            raise RuntimeError("bug in the extractor")
        return real(path)

    monkeypatch.setattr(extract, "extract_document", extract_or_crash)
    result = materialize([source_documents, raw_report_cells], resources={"settings": tmp_settings})
    assert result.success
    with duckdb.connect(tmp_settings.warehouse, read_only=True) as con:
        rows = dict(con.execute("SELECT document, error FROM raw.source_documents").fetchall())
    assert rows[good.name] is None
    assert "RuntimeError: bug in the extractor" in rows[crashing.name]


def test_definitions_load_and_dbt_sources_are_the_raw_assets() -> None:
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    assert {AssetKey("source_documents"), *RAW_KEYS} <= keys
    # A dbt source without a matching raw asset would appear as an external, unmaterialisable asset.
    assert all(graph.get(key).is_materializable for key in keys)
    dbt_keys = keys - RAW_KEYS - {AssetKey("source_documents")}
    assert dbt_keys, "no dbt models in the manifest"
    assert any(graph.get(key).parent_keys & RAW_KEYS for key in dbt_keys)
    assert graph.get(AssetKey(["raw", "report_cells"])).group_name == "raw"
    assert defs.resolve_job_def("load_reports") is not None


def test_load_reports_end_to_end(
    monkeypatch: pytest.MonkeyPatch, landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    import dagster_dbt.core.resource

    from orchestration.definitions import build_definitions

    def no_version_check(args: list[str], *rest, **kwargs) -> bytes:
        raise AssertionError(f"`{' '.join(map(str, args))}` ran: `dbt --version` asks PyPI")

    monkeypatch.setattr(dagster_dbt.core.resource, "check_output", no_version_check)
    for name in SMALL_SAMPLES:
        copy_sample(name, landing)
    job = build_definitions(tmp_settings).resolve_job_def("load_reports")

    result = job.execute_in_process()

    assert result.success
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert materialized == set(job.asset_layer.selected_asset_keys)
    with duckdb.connect(tmp_settings.warehouse, read_only=True) as con:
        status = dict(con.execute("SELECT document, status FROM raw.source_documents").fetchall())
        cells = dict(con.execute("SELECT document, count(*) FROM raw.report_cells GROUP BY 1").fetchall())
        dbt_relations = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema <> 'raw'"
        ).fetchone()[0]
    assert status == {name: "loaded" for name in SMALL_SAMPLES}
    assert all(cells.get(name, 0) > 0 for name in SMALL_SAMPLES)
    assert dbt_relations > 0
