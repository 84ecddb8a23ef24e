"""The analysts' side: documented marts, the SQL prompt, exports, the scorecards' front page, docs.

One module-scoped warehouse, loaded through the command line from two sample reports and a
broken file (extraction, dbt build, scorecards without PNGs, serving copy), then loaded again
with nothing new. The tests read what an analyst would: comments, the README's own examples,
the exported files, index.html, `cli status`.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
import yaml
from dagster import DagsterInstance, instance_for_test
from openpyxl import load_workbook

from extract.csv_text import neutralise_formula
from orchestration.cli import main
from orchestration.export import ExportError, Filters, export_marts
from orchestration.landing_asset import LANDING_PDFS
from orchestration.raw import LOAD_ERRORS
from orchestration.serving import publish_marts
from orchestration.settings import REPO_ROOT, WarehouseSettings
from tests.conftest import SAMPLE_REPORTS, settings_with_landing

ANNEX_A = "lancashire_annex_a__2020-09-01__dev.pdf"
SURREY = "surrey_cfllc__2020-12-14__dev.pdf"
BROKEN = "broken.pdf"
README = REPO_ROOT / "README.md"
MARTS_YML = REPO_ROOT / "models" / "marts" / "_marts__models.yml"


def cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("analysts")
    settings = settings_with_landing(root, (ANNEX_A, SURREY), broken=BROKEN)
    with pytest.MonkeyPatch.context() as env, instance_for_test() as instance:
        for name, value in settings.as_env().items():
            env.setenv(name, value)
        env.setenv("CSC_SCORECARD_PNG", "0")  # PNGs have their own tests; thumbnails are tested below
        first_code, first_out = cli("load", "--no-progress")
        again_code, again_out = cli(
            "load", "--no-progress", str(settings.landing_path / ANNEX_A), str(settings.landing_path / SURREY)
        )
        yield {
            "settings": settings,
            "instance": instance,
            "root": root,
            "first": (first_code, first_out),
            "again": (again_code, again_out),
        }


# --- comments on every mart and column -----------------------------------------------------


def _yml_descriptions() -> dict[str, tuple[str, dict[str, str]]]:
    models = yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))["models"]
    return {
        m["name"]: (m["description"].strip(), {c["name"]: c["description"].strip() for c in m.get("columns", [])})
        for m in models
    }


def _comments(database: Path) -> tuple[dict[str, str | None], dict[str, dict[str, str | None]]]:
    with duckdb.connect(str(database), read_only=True) as con:
        tables = dict(
            con.execute(
                "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'marts' "
                "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE schema_name = 'marts'"
            ).fetchall()
        )
        columns: dict[str, dict[str, str | None]] = {}
        for table, column, comment in con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'marts'"
        ).fetchall():
            columns.setdefault(table, {})[column] = comment
    return tables, columns


@pytest.mark.parametrize("which", ["warehouse", "serving"])
def test_every_mart_and_column_carries_its_description(loaded: dict, which: str) -> None:
    settings: WarehouseSettings = loaded["settings"]
    database = settings.warehouse_path if which == "warehouse" else settings.serving_path
    tables, columns = _comments(database)
    documented = _yml_descriptions()
    assert sorted(tables) == sorted(documented), "every mart is documented in _marts__models.yml"
    for table, (description, column_descriptions) in documented.items():
        assert (tables[table] or "").strip() == description, table
        assert set(columns[table]) == set(column_descriptions), f"{table}: columns without a description"
        for column, text in column_descriptions.items():
            assert (columns[table][column] or "").strip() == text, f"{table}.{column}"
    assert columns["fct_scorecard"]["council"] == "Council name."


def test_the_publication_table_is_described_too(loaded: dict) -> None:
    with duckdb.connect(str(loaded["settings"].serving_path), read_only=True) as con:
        comments = con.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'publication'"
        ).fetchall()
    assert comments and all(comment for _, comment in comments)


# --- the README's examples, as written -----------------------------------------------------


def _code_blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [
        re.sub(r"^ {0,4}", "", block, flags=re.M)
        for block in re.findall(rf"^ *```{language}\n(.*?)^ *```", text, flags=re.M | re.S)
    ]


def _readme_commands() -> list[str]:
    """Every command of the README's sh blocks that queries or exports the marts."""
    commands = []
    for block in _code_blocks("sh"):
        for command in block.replace("\\\n", " ").splitlines():
            command = command.split("  #")[0].strip()
            if re.search(r"orchestration\.cli (sql|export)\b", command) and not re.search(r"\[|\.\.\.", command):
                commands.append(command)
    return commands


def test_the_readme_shows_queries_exports_and_the_python_connection() -> None:
    commands = _readme_commands()
    assert any(" sql " in c and "docs/queries" in c for c in commands)
    assert any(" sql " in c and "duckdb_columns()" in c for c in commands)
    assert any(" export " in c and "xlsx" in c for c in commands)
    assert [b for b in _code_blocks("python") if "duckdb.connect" in b]
    readme = README.read_text(encoding="utf-8")
    assert "(docs/queries/)" in readme and "data/output/index.html" in readme and "make docs" in readme


def test_the_readme_examples_run_as_written(loaded: dict) -> None:
    settings: WarehouseSettings = loaded["settings"]
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(loaded["root"]), **settings.as_env()}
    for command in _readme_commands():
        shell = command.replace(".venv/bin/python", shlex.quote(sys.executable))
        done = subprocess.run(["bash", "-c", shell], cwd=REPO_ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        assert "Traceback" not in done.stderr, command
        if " sql " in command and "docs/queries" not in command:  # the worked queries name other councils
            assert "│" in done.stdout and not re.search(r"\b0 rows", done.stdout), f"{command} printed no rows"
        elif " sql " in command:
            assert "│" in done.stdout, command
        else:
            assert "rows)" in done.stdout and Path(done.stdout.split()[0]).is_file(), done.stdout
    # The Python example opens the serving copy by its default path, from the repository root.
    checkout = loaded["root"] / "checkout"
    (checkout / "data" / "warehouse").mkdir(parents=True, exist_ok=True)
    link = checkout / "data" / "warehouse" / "serving.duckdb"
    if not link.exists():
        link.symlink_to(settings.serving_path)
    for block in (b for b in _code_blocks("python") if "duckdb.connect" in b):
        done = subprocess.run([sys.executable, "-c", block], cwd=checkout, capture_output=True, text=True)
        assert done.returncode == 0, f"{block}\n{done.stderr}"
        assert "document" in done.stdout and "severity" in done.stdout


def test_every_worked_query_runs_on_the_serving_copy(loaded: dict) -> None:
    queries = sorted((REPO_ROOT / "docs" / "queries").glob("*.sql"))
    assert queries
    for query in queries:
        code, out = cli("sql", query.read_text(encoding="utf-8"))
        assert code == 0 and "│" in out, query.name


def test_cli_sql_prints_a_table_and_stops_quietly_when_the_reader_goes(loaded: dict) -> None:
    settings: WarehouseSettings = loaded["settings"]
    env = {"PATH": "/usr/bin:/bin", **settings.as_env()}
    python = shlex.quote(sys.executable)
    done = subprocess.run(
        ["bash", "-c", f"{python} -m orchestration.cli sql 'SELECT * FROM range(200000)' --max-rows 100000 | head -3"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 3
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    code, out = cli("sql", "SELECT document, load_status FROM marts.dim_source_document ORDER BY document")
    assert code == 0 and f"│ {BROKEN}" in out and "failed" in out and f"│ {SURREY}" in out
    code, out = cli("sql", "--csv", "SELECT council, count(*) AS n FROM marts.fct_scorecard GROUP BY 1 ORDER BY 1")
    assert code == 0 and out.splitlines()[0] == "council,n" and any(line.startswith("Surrey,") for line in out.splitlines())
    # The serving copy is read-only: a write is refused with DuckDB's message, no traceback.
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, _ = cli("sql", "DROP TABLE marts.fct_scorecard")
    assert code == 1 and err.getvalue().startswith("Error: ") and "read-only" in err.getvalue()


def test_the_prompt_runs_statements_and_describes_tables(loaded: dict) -> None:
    from orchestration.sql_shell import Output, prompt_loop

    lines = iter([".describe fct_load_errors", "SELECT count(*) AS documents", "FROM marts.dim_source_document;",
                  "SELECT nope;", ".quit", "never read"])  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    with duckdb.connect(str(loaded["settings"].serving_path), read_only=True) as con, contextlib.redirect_stderr(err):
        prompt_loop(con, Output(stream=out), read=lambda prompt: next(lines))
    printed = out.getvalue()
    assert "The problem, starting with the file name." in printed  # the column's comment
    assert re.search(r"│\s+3\s+│", printed), printed  # three documents
    assert 'Referenced column "nope" not found' in err.getvalue() or "nope" in err.getvalue()
    assert next(lines) == "never read"


def test_cli_sql_without_a_serving_copy_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSC_SERVING_DB", str(tmp_path / "none.duckdb"))
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, _ = cli("sql", "SELECT 1")
    assert code == 2 and "No database at" in err.getvalue() and "make demo" in err.getvalue()


# --- exports -----------------------------------------------------------------------------------


def _as_cell(value: object) -> object:
    """A value as openpyxl reads it back: dates as midnight datetimes."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return neutralise_formula(value)


def _mart_rows(settings: WarehouseSettings, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.serving_path), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def test_an_excel_export_holds_the_marts_rows_and_their_provenance(loaded: dict, tmp_path: Path) -> None:
    settings: WarehouseSettings = loaded["settings"]
    [export] = export_marts(settings.serving_path, ["fct_scorecard", "marts.dim_indicator"], "xlsx", tmp_path)
    assert export.path == tmp_path / "marts.xlsx"
    book = load_workbook(export.path, read_only=True)
    assert book.sheetnames == ["fct_scorecard", "dim_indicator", "provenance"]
    for mart in ("fct_scorecard", "dim_indicator"):
        header, *rows = list(book[mart].iter_rows(values_only=True))
        rows = [row + (None,) * (len(header) - len(row)) for row in rows]  # trailing empty cells are not stored
        expected = _mart_rows(settings, f"SELECT * FROM marts.{mart}")
        columns = [r[0] for r in _mart_rows(settings, f"SELECT column_name FROM (DESCRIBE marts.{mart})")]
        assert list(header) == columns
        assert len(rows) == len(expected) == export.rows[mart] > 0
        assert sorted(rows, key=repr) == sorted([tuple(_as_cell(v) for v in row) for row in expected], key=repr)
    provenance = [tuple(v for v in row if v is not None) for row in book["provenance"].iter_rows(values_only=True)]
    [published] = _mart_rows(settings, "SELECT DISTINCT run_id FROM main.publication")
    assert ("published by run", published[0]) in provenance
    assert ("filters", "none (every row)") in provenance
    scorecard_rows = len(_mart_rows(settings, "SELECT 1 FROM marts.fct_scorecard"))
    assert any(row[:4] == ("fct_scorecard", "marts.fct_scorecard", scorecard_rows, scorecard_rows) for row in provenance)
    assert ("fct_scorecard", "council", "Council name.") in provenance
    book.close()


def test_a_filtered_export_keeps_the_rows_asked_for_in_every_format(loaded: dict, tmp_path: Path) -> None:
    settings: WarehouseSettings = loaded["settings"]
    filters = Filters(councils=["surrey"], periods=["2020"])
    expected = _mart_rows(
        settings,
        "SELECT * FROM marts.fct_indicator_value WHERE council = 'Surrey' AND year(period_end) = 2020",
    )
    assert expected
    [csv_export] = export_marts(settings.serving_path, ["fct_indicator_value"], "csv", tmp_path, filters)
    [parquet] = export_marts(settings.serving_path, ["fct_indicator_value"], "parquet", tmp_path, filters)
    [xlsx] = export_marts(settings.serving_path, ["fct_indicator_value"], "xlsx", tmp_path, filters)
    assert csv_export.rows == parquet.rows == xlsx.rows == {"fct_indicator_value": len(expected)}
    assert duckdb.sql(f"SELECT DISTINCT council FROM read_csv('{csv_export.path}')").fetchall() == [("Surrey",)]
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet.path}'").fetchall() == [(len(expected),)]
    book = load_workbook(xlsx.path, read_only=True)
    sheet = list(book["fct_indicator_value"].iter_rows(values_only=True))
    assert len(sheet) == len(expected) + 1
    provenance = list(book["provenance"].iter_rows(values_only=True))
    assert ("filters", "council surrey; period 2020") in [row[:2] for row in provenance]
    assert (SURREY, "surrey_cfllc") in [row[:3:2] for row in provenance]  # the source document and its family
    assert ANNEX_A not in [row[0] for row in provenance if row]
    book.close()
    # By indicator (any case), through the command line.
    [(code_, count)] = _mart_rows(
        settings, "SELECT indicator_code, count(*) FROM marts.fct_scorecard GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"
    )
    code, out = cli("export", "fct_scorecard", "--indicator", code_.upper(), "--out", str(tmp_path / "cli"))
    assert code == 0 and f"(fct_scorecard {count:,} rows)" in out


def test_an_export_that_cannot_be_made_as_asked_is_refused(loaded: dict, tmp_path: Path) -> None:
    serving = loaded["settings"].serving_path
    with pytest.raises(ExportError, match="marts.dim_indicator has no council or council_org_unit_code column"):
        export_marts(serving, ["fct_scorecard", "dim_indicator"], "csv", tmp_path, Filters(councils=["Surrey"]))
    with pytest.raises(ExportError, match="no mart named fct_nothing; the marts are dim_benchmark"):
        export_marts(serving, ["fct_nothing"], "csv", tmp_path)
    assert not list(tmp_path.iterdir())  # nothing half-written
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, _ = cli("export", "fct_nothing", "--out", str(tmp_path))
    assert code == 2 and err.getvalue().startswith("Not exported: no mart named fct_nothing")


def test_text_a_spreadsheet_would_run_is_written_as_text(tmp_path: Path) -> None:
    assert neutralise_formula("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [neutralise_formula(v) for v in ("+1 x", "-2+A1", "@A1", "\tx", "\rx", "12", "", "a=b")] == [
        "'+1 x", "'-2+A1", "'@A1", "'\tx", "'\rx", "12", "", "a=b",
    ]  # fmt: skip
    assert neutralise_formula(-2) == -2 and neutralise_formula(None) is None
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("CREATE SCHEMA marts")
        con.execute(
            "CREATE TABLE marts.dim_label AS SELECT * FROM (VALUES ('=1+2', -3, ['a', '@b']), ('plain', 4, []))"
            " AS t(label, n, parts)"
        )
    publish_marts(warehouse, tmp_path / "serving.duckdb", tmp_path / "parquet", run_id="r")
    [csv_export] = export_marts(tmp_path / "serving.duckdb", ["dim_label"], "csv", tmp_path / "out")
    assert csv_export.path.read_text(encoding="utf-8").splitlines() == [
        "label,n,parts", "'=1+2,-3,a; @b", "plain,4,",
    ]  # fmt: skip
    [xlsx] = export_marts(tmp_path / "serving.duckdb", ["dim_label"], "xlsx", tmp_path / "out")
    sheet = load_workbook(xlsx.path)["dim_label"]
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value) == ("'=1+2", "s", -3)


# --- the scorecards' front page -----------------------------------------------------------


def test_the_index_lists_every_scorecard_file(loaded: dict) -> None:
    output = loaded["settings"].output_path
    page = (output / "index.html").read_text(encoding="utf-8")
    files = sorted(p.relative_to(output).as_posix() for p in (output / "scorecards").rglob("*.html"))
    assert files and len(files) == page.count("<tr><td>")
    for name in files:
        assert f'href="{name}"' in page, name
    assert f"<p>{len(files)} scorecards, listed " in page
    # Council, kind and period of a council scorecard, as the scorecard itself names them.
    row = next(r for r in page.split("<tr>") if "scorecards/council/surrey__" in r)
    assert "<td>Surrey</td><td>council</td><td>6 months to 14 Dec 2020</td>" in row
    assert re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d UTC</td>", row)


def test_the_index_shows_each_png_as_a_thumbnail(tmp_path: Path) -> None:
    from scorecards.index_page import write_index
    from scorecards.render import catalog_path

    folder = tmp_path / "scorecards" / "council"
    folder.mkdir(parents=True)
    (folder / "a__one.html").write_text("<html><head><title>A &amp; B scorecard, Dec 2020</title></head></html>")
    (folder / "a__one.png").write_bytes(b"\x89PNG")
    (folder / "b__two.html").write_text("<html><head><title>Other</title></head></html>")
    catalog_path(folder).write_text('{"b__two": {"title": "B scorecard", "council": "B", "period": "Q1"}}')
    page, entries = write_index(tmp_path)
    html = page.read_text(encoding="utf-8")
    assert [(e.title, e.council, e.period, e.png) for e in entries] == [
        ("A & B scorecard, Dec 2020", "", "", Path("scorecards/council/a__one.png")),
        ("B scorecard", "B", "Q1", None),
    ]
    assert '<img src="scorecards/council/a__one.png"' in html and "A &amp; B scorecard" in html
    assert "no picture" in html


def test_the_demo_summary_points_at_the_index(loaded: dict) -> None:
    from orchestration.demo import summary
    from orchestration.loading import LoadReport

    text = summary(loaded["settings"], LoadReport(build_skipped="nothing new"))
    assert "Build skipped: nothing new." in text
    assert f"Scorecards: {loaded['settings'].output_path / 'index.html'}" in text


# --- loads: nothing new, failures, lineage ----------------------------------------------------


def test_a_load_with_nothing_new_skips_the_build_and_says_so(loaded: dict) -> None:
    first_code, first_out = loaded["first"]
    assert first_code == 1 and "Build (dbt, scorecards, serving copy) succeeded" in first_out  # broken.pdf failed
    code, out = loaded["again"]
    assert code == 0
    assert f"loaded  {ANNEX_A} (unchanged)" in out and f"loaded  {SURREY} (unchanged)" in out
    assert "Build skipped: nothing new: every document is unchanged since the last build" in out
    instance: DagsterInstance = loaded["instance"]
    assert len([r for r in instance.get_runs() if r.job_name == "build_marts"]) == 1


def test_a_failed_partition_says_why_in_its_metadata_and_in_status(loaded: dict) -> None:
    instance: DagsterInstance = loaded["instance"]
    [record] = [
        r for r in instance.fetch_materializations(LOAD_ERRORS.key, limit=10).records
        if r.asset_materialization.partition == BROKEN
    ]  # fmt: skip
    reason = record.asset_materialization.metadata["reason"].value
    assert reason.startswith(f"{BROKEN}: not a PDF: no %PDF header")
    code, out = cli("status")
    assert code == 0
    assert any(line.split()[:3] == [BROKEN, "failed", f"{BROKEN}:"] and "not a PDF" in line for line in out.splitlines())


def test_the_landing_folder_is_observed_as_the_source_of_the_raw_assets(loaded: dict, tmp_path: Path) -> None:
    from dagster._core.definitions.observe import observe

    from orchestration.landing_asset import landing_pdfs

    settings: WarehouseSettings = loaded["settings"]
    first = observe([landing_pdfs], resources={"settings": settings})
    [event] = first.get_asset_observation_events()
    observation = event.asset_observation_data.asset_observation
    assert observation.asset_key == LANDING_PDFS and observation.metadata["pdfs"].value == 3
    assert SURREY in observation.metadata["files"].value
    version = observation.tags["dagster/data_version"]
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / SURREY).write_bytes((SAMPLE_REPORTS / SURREY).read_bytes())
    other = WarehouseSettings(landing_dir=str(landing), warehouse=settings.warehouse, output_dir=settings.output_dir)
    [changed] = observe([landing_pdfs], resources={"settings": other}).get_asset_observation_events()
    assert changed.asset_observation_data.asset_observation.tags["dagster/data_version"] != version


# --- README statements against the code ---------------------------------------------------------


def test_the_readme_counts_the_warning_tests_as_the_checks_command_does() -> None:
    from orchestration.dbt_tests import dbt_tests_by_severity

    _, warning = dbt_tests_by_severity()
    readme = README.read_text(encoding="utf-8")
    [count] = re.findall(r"At the time of writing (\d+) tests only warn", readme)
    assert int(count) == len(warning)
    code, out = cli("checks")
    assert code == 0 and f"{len(warning)} only warn:" in out


def test_the_readme_says_what_the_schedule_and_the_port_are(monkeypatch: pytest.MonkeyPatch) -> None:
    from orchestration.monthly_schedule import CRON
    from orchestration.settings import dagster_ui_url

    readme = README.read_text(encoding="utf-8")
    assert "first working day" in readme and f"`{CRON}`" in readme
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "DAGSTER_PORT ?= 3000" in makefile and "-p $(DAGSTER_PORT)" in makefile
    assert "make dev DAGSTER_PORT=3001" in readme
    monkeypatch.delenv("DAGSTER_PORT", raising=False)
    assert dagster_ui_url("/runs") == "http://127.0.0.1:3000/runs"
    monkeypatch.setenv("DAGSTER_PORT", "3001")  # as `make dev DAGSTER_PORT=3001` exports it
    assert dagster_ui_url() == "http://127.0.0.1:3001"


# --- make docs ------------------------------------------------------------------------------------


def test_make_docs_writes_a_static_site_with_the_column_descriptions(loaded: dict) -> None:
    from orchestration.docs_site import build_docs

    page, has_catalog = build_docs(loaded["settings"])
    assert has_catalog and page == loaded["settings"].output_path / "docs" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "model.csc_warehouse.fct_scorecard" in html  # the manifest, embedded
    assert "Council name." in html  # a column description
    assert '"type": "VARCHAR"' in html  # the catalog, read from the warehouse: column types
    assert not re.search(r'<script[^>]+src="https?://', html), "the page loads nothing from the network"
