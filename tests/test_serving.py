"""Publishing the marts to the read-only serving database and to Parquet, swapped in atomically."""

import os
import stat
from pathlib import Path

import duckdb
import pytest

from orchestration.serving import PUBLICATION_TABLE, publish_marts


def make_warehouse(path: Path, rows: int, marts: tuple[str, ...] = ("dim_a", "fct_b")) -> None:
    """A warehouse with marts of `rows` rows each, and a raw table that must not be published."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS marts; CREATE SCHEMA IF NOT EXISTS raw")
        con.execute("CREATE OR REPLACE TABLE raw.report_cells AS SELECT 1 AS x")
        for name in marts:
            con.execute(f"CREATE OR REPLACE TABLE marts.{name} AS SELECT range AS id FROM range({rows})")
        con.execute("CREATE OR REPLACE VIEW marts.v_c AS SELECT count(*) AS n FROM marts.dim_a")


def serving_state(path: Path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables ORDER BY 1"
        ).fetchall()
        counts = dict(con.execute(f"SELECT table_name, row_count FROM {PUBLICATION_TABLE}").fetchall())
        run_ids = {r[0] for r in con.execute(f"SELECT run_id FROM {PUBLICATION_TABLE}").fetchall()}
    return {"tables": [t[0] for t in tables], "counts": counts, "run_ids": run_ids}


def test_publish_copies_the_marts_only_and_records_the_publication(tmp_path: Path) -> None:
    warehouse, serving, parquet = tmp_path / "w.duckdb", tmp_path / "serving.duckdb", tmp_path / "parquet"
    make_warehouse(warehouse, rows=3)

    publication = publish_marts(warehouse, serving, parquet, run_id="run-1")

    assert publication.rows == {"dim_a": 3, "fct_b": 3, "v_c": 1}
    state = serving_state(serving)
    assert state["tables"] == ["main.publication", "marts.dim_a", "marts.fct_b", "marts.v_c"]
    assert state["counts"] == {"dim_a": 3, "fct_b": 3, "v_c": 1} and state["run_ids"] == {"run-1"}
    assert sorted(p.name for p in parquet.iterdir()) == ["dim_a.parquet", "fct_b.parquet", "v_c.parquet"]
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet / 'fct_b.parquet'}'").fetchall() == [(3,)]
    # Read-only on disk as well, and nothing left over beside it.
    assert not os.stat(serving).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parquet", "serving.duckdb", "w.duckdb"]


def test_republishing_swaps_the_whole_file_and_drops_stale_parquet(tmp_path: Path) -> None:
    warehouse, serving, parquet = tmp_path / "w.duckdb", tmp_path / "serving.duckdb", tmp_path / "parquet"
    make_warehouse(warehouse, rows=3)
    publish_marts(warehouse, serving, parquet, run_id="run-1")
    # An analyst's connection stays open across the next publication.
    analyst = duckdb.connect(str(serving), read_only=True)
    inode_before = os.stat(serving).st_ino
    with duckdb.connect(str(warehouse)) as con:
        con.execute("DROP TABLE marts.fct_b")
    make_warehouse(warehouse, rows=5, marts=("dim_a",))

    publish_marts(warehouse, serving, parquet, run_id="run-2")

    assert os.stat(serving).st_ino != inode_before  # a new file renamed into place, not rewritten in place
    # The open connection still reads the publication it opened, whole.
    assert analyst.execute("SELECT count(*) FROM marts.dim_a").fetchall() == [(3,)]
    assert analyst.execute("SELECT count(*) FROM marts.fct_b").fetchall() == [(3,)]
    assert analyst.execute(f"SELECT DISTINCT run_id FROM {PUBLICATION_TABLE}").fetchall() == [("run-1",)]
    # Once closed (DuckDB shares one open database per path within a process), a new connection reads the new file.
    analyst.close()
    assert serving_state(serving)["counts"] == {"dim_a": 5, "v_c": 1}
    assert sorted(p.name for p in parquet.iterdir()) == ["dim_a.parquet", "v_c.parquet"]


def test_a_failed_publish_leaves_the_old_serving_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse, serving, parquet = tmp_path / "w.duckdb", tmp_path / "serving.duckdb", tmp_path / "parquet"
    make_warehouse(warehouse, rows=3)
    publish_marts(warehouse, serving, parquet, run_id="run-1")
    make_warehouse(warehouse, rows=7)
    import orchestration.serving as serving_module

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(serving_module.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        publish_marts(warehouse, serving, parquet, run_id="run-2")
    monkeypatch.undo()

    assert serving_state(serving)["run_ids"] == {"run-1"}
    assert serving_state(serving)["counts"]["dim_a"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parquet", "serving.duckdb", "w.duckdb"]
    assert not [p for p in parquet.iterdir() if p.name.startswith(".")]


HOLD_WRITE_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def hold_write_lock(path: Path, seconds: float):
    """Another process writing the warehouse, as a load does, for a while."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_status_reads_the_serving_copy_while_a_load_holds_the_warehouse(
    tmp_settings, landing: Path, copy_sample
) -> None:
    from orchestration.status import format_status, read_status

    warehouse = tmp_settings.warehouse_path
    warehouse.parent.mkdir(parents=True)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("CREATE SCHEMA marts")
        con.execute(
            "CREATE TABLE marts.dim_source_document AS SELECT 'a.pdf' AS document, 'loaded' AS load_status, "
            "'fam' AS family, 12 AS cell_count, 'abc' AS document_sha256, TIMESTAMP '2026-01-01 09:00' AS loaded_at"
        )
        con.execute(
            "CREATE TABLE marts.fct_load_errors AS SELECT 'b.pdf' AS document, 'error' AS severity, "
            "'b.pdf: truncated PDF' AS message, 'def' AS document_sha256"
        )
    publish_marts(warehouse, tmp_settings.serving_path, tmp_settings.parquet_path, run_id="run-1")
    copy_sample("surrey_cfllc__2020-12-14__dev.pdf", landing)

    holder = hold_write_lock(warehouse, 30)
    try:
        status = read_status(tmp_settings)
    finally:
        holder.kill()
        holder.wait()

    assert status.source.startswith(f"serving copy {tmp_settings.serving_path} as published at ")
    assert status.source.endswith("(the warehouse is busy with a load)")
    assert [(d.document, d.status, d.cells) for d in status.documents] == [("a.pdf", "loaded", 12)]
    assert [p.message for p in status.problems] == ["b.pdf: truncated PDF"]
    assert status.waiting == ["surrey_cfllc__2020-12-14__dev.pdf"] and status.removed == ["a.pdf"]
    assert "1 document(s): 1 loaded, 0 never loaded" in format_status(status, landing)


def test_a_writer_waits_for_another_process_to_release_the_warehouse(tmp_path: Path) -> None:
    import time

    from orchestration.warehouse_lock import writing

    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    holder = hold_write_lock(warehouse, 2)
    started = time.monotonic()
    with writing(warehouse, wait_seconds=60) as con:
        waited = time.monotonic() - started
        con.execute("CREATE TABLE t AS SELECT 1 AS x")
    holder.wait()
    assert waited > 0.5
    with pytest.raises(duckdb.IOException, match="lock"):
        holder = hold_write_lock(warehouse, 30)
        try:
            with writing(warehouse, wait_seconds=1):
                pass
        finally:
            holder.kill()
            holder.wait()


def test_table_and_column_comments_are_carried_into_the_serving_copy(tmp_path: Path) -> None:
    warehouse, serving = tmp_path / "w.duckdb", tmp_path / "serving.duckdb"
    make_warehouse(warehouse, rows=2)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("COMMENT ON TABLE marts.dim_a IS 'One row per a; it''s quoted'")
        con.execute("COMMENT ON COLUMN marts.dim_a.id IS 'The id of a.'")
        con.execute("COMMENT ON VIEW marts.v_c IS 'How many a.'")
    publish_marts(warehouse, serving, tmp_path / "parquet", run_id="run-1")
    with duckdb.connect(str(serving), read_only=True) as con:
        tables = dict(
            con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'marts'").fetchall()
        )
        columns = con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'marts' ORDER BY 1"
        ).fetchall()
    # The view is published as a table, and keeps its description.
    assert tables == {"dim_a": "One row per a; it's quoted", "fct_b": None, "v_c": "How many a."}
    assert columns == [("dim_a", "id", "The id of a."), ("fct_b", "id", None), ("v_c", "n", None)]
