"""Nothing wrong is published: implausible values, misreads, copies and unreadable editions stop at the door.

One module-scoped `cli load` (one worker, so documents load in name order) of real reports and
of reports drawn here with reportlab as a failed export or another layout would print them:

- the Lancashire Annex A, whose `8823` (a count) sits in a percentage row;
- Rotherham's December 2020 report, then a near-empty "January 2021" edition (one line of text)
  and a thin "February 2021" one (a handful of cells);
- a Lancashire board pack in a layout whose edition date the registry cannot read;
- Surrey's report, a renamed copy of it, and a second file of the same edition.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, AssetPartitionStatus, instance_for_test

from extract.csv_text import neutralise_formula
from orchestration.cli import main
from orchestration.partitions import DOCUMENTS
from orchestration.settings import REPO_ROOT, WarehouseSettings
from tests.conftest import SAMPLE_REPORTS

ANNEX_A = "lancashire_annex_a__2020-09-01__dev.pdf"
DECEMBER = "rotherham_monthly__2020-12__dev.pdf"
SURREY = "surrey_cfllc__2020-12-14__dev.pdf"
NEAR_EMPTY = "rotherham_near_empty.pdf"
THIN = "rotherham_thin.pdf"
RELAID = "lancashire_cpb_relaid.pdf"
COPY = "surrey_copy.pdf"
REVISED = "surrey_revised.pdf"


def draw_pdf(path: Path, lines: list[str], rows: list[list[str]] = ()) -> None:
    """A one-page PDF: the lines at the top, then a ruled-free table of rows in columns."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=landscape(A4))
    y = 560
    for line in lines:
        page.setFont("Helvetica-Bold", 12)
        page.drawString(40, y, line)
        y -= 20
    page.setFont("Helvetica", 9)
    y -= 10
    for row in rows:
        page.drawString(40, y, row[0])
        for i, text in enumerate(row[1:]):
            page.drawRightString(420 + 70 * i, y, text)
        y -= 14
    page.showPage()
    page.save()


BOARD_ROWS = [
    ["Indicator", "Apr-20", "May-20", "Jun-20", "Jul-20", "Aug-20"],
    *[
        [label, *(f"{base + 7 * month:,}" for month in range(5))]
        for label, base in [
            ("Number of Contacts to children's social care", 1600),
            ("Number of Referrals to children's social care", 420),
            ("Number of CLA at the month end", 2010),
            ("Number of children subject to a CP plan", 1150),
            ("Number of Assessments completed", 380),
            ("Number of S47 enquiries started", 210),
            ("Number of ICPCs held", 95),
            ("Number of care leavers", 610),
        ]
    ],
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("admission")
    settings = WarehouseSettings(
        landing_dir=str(root / "landing"),
        warehouse=str(root / "warehouse" / "warehouse.duckdb"),
        output_dir=str(root / "output"),
    )
    landing = settings.landing_path
    landing.mkdir()
    for name in (ANNEX_A, DECEMBER, SURREY):
        (landing / name).write_bytes((SAMPLE_REPORTS / name).read_bytes())
    (landing / COPY).write_bytes((SAMPLE_REPORTS / SURREY).read_bytes())
    # The same report saved again: other bytes (a trailing comment), the same pages.
    (landing / REVISED).write_bytes((SAMPLE_REPORTS / SURREY).read_bytes() + b"\n% saved again\n")
    draw_pdf(landing / NEAR_EMPTY, ["Rotherham Safeguarding Children & Families Monthly Performance Report - January 2021"])
    draw_pdf(
        landing / THIN,
        ["Rotherham Safeguarding Children & Families Monthly Performance Report - February 2021"],
        [["Indicator", "Dec-20", "Jan-21", "Feb-21"], ["No. of contacts received", "1,204", "1,310", "1,187"],
         ["No. of referrals", "301", "288", "276"]],
    )
    draw_pdf(landing / RELAID, ["Lancashire County Council", "Corporate Parenting Board", "Performance for the quarter"],
             BOARD_ROWS)
    with pytest.MonkeyPatch.context() as env, instance_for_test() as instance:
        for name, value in settings.as_env().items():
            env.setenv(name, value)
        env.setenv("CHROME_PATH", str(root / "no-browser"))  # HTML scorecards only
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["load", "--no-progress", "--workers", "1"])
        partitions = instance.get_status_by_partition(
            AssetKey(["raw", "report_cells"]), sorted(p.name for p in landing.iterdir()), DOCUMENTS
        )
        yield {"settings": settings, "code": code, "out": out.getvalue(), "partitions": partitions, "env": env}


def _serving(loaded: dict, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(loaded["settings"].serving_path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_the_count_printed_as_a_percentage_is_quarantined_not_ranked(loaded: dict) -> None:
    quarantined = _serving(
        loaded,
        "SELECT page, indicator_code, source_row_label, source_column_label, value, value_text, quarantine_reason "
        "FROM marts.fct_quarantined_value WHERE document = ?",
        [ANNEX_A],
    )
    assert quarantined == [
        (1, "contacts_decision_1_working_day_pct", "% Contacts Within 1 working Day", "Lancashire", 8823.0, "8823",
         "8823 is outside 0 to 100 for a percent indicator"),
    ]
    # Flagged in the marts: no number, the printed text and the reason.
    assert _serving(
        loaded,
        "SELECT value, value_text, is_quarantined FROM marts.fct_indicator_value "
        "WHERE document = ? AND indicator_code = 'contacts_decision_1_working_day_pct' AND org_unit_code = 'lancashire'",
        [ANNEX_A],
    ) == [(None, "8823", True)]
    assert _serving(
        loaded,
        "SELECT value, value_text, quarantine_reason IS NOT NULL FROM marts.fct_scorecard "
        "WHERE indicator_code = 'contacts_decision_1_working_day_pct' AND org_unit_code = 'lancashire'",
    ) == [(None, "8823", True)]
    assert _serving(loaded, "SELECT count(*) FROM marts.fct_scorecard WHERE unit = 'percent' AND value > 100") == [(0,)]
    # Drawn as "check source" with the printed text, never as 8,823.0%, never ranked.
    scorecards = loaded["settings"].output_path / "scorecards"
    pages = {p.name: p.read_text() for p in scorecards.rglob("*.html")}
    benchmark = pages["contacts-decision-1-working-day-pct.html"]
    assert "check source: 8823" in benchmark
    assert not any("8,823" in text for text in pages.values())
    council = [text for name, text in pages.items() if "lancashire" in name.lower() and "check source: 8823" in text]
    assert council, sorted(pages)


def test_a_near_empty_edition_fails_as_a_misread_and_never_becomes_the_latest(loaded: dict) -> None:
    partitions = loaded["partitions"]
    assert partitions[NEAR_EMPTY] == AssetPartitionStatus.FAILED
    assert partitions[THIN] == AssetPartitionStatus.FAILED
    with duckdb.connect(str(loaded["settings"].warehouse_path), read_only=True) as con:
        raw = {d: (s, e, c) for d, s, e, c in con.execute("SELECT document, status, error, cells FROM raw.source_documents")
               .fetchall()}
        cells = dict(con.execute("SELECT document, count(*) FROM raw.report_cells GROUP BY 1").fetchall())
    assert raw[NEAR_EMPTY] == (
        "failed", f"{NEAR_EMPTY}: suspected misread: a rotherham_monthly report with no value cells read", 0)
    status, error, _ = raw[THIN]
    assert status == "failed" and error.startswith(f"{THIN}: suspected misread: ")
    assert f"the family's 1 other edition(s) of rotherham_monthly have {raw[DECEMBER][2]} (median)" in error
    assert NEAR_EMPTY not in cells and THIN not in cells
    # December stays the latest edition; its facts are the current scorecard.
    latest = _serving(loaded, "SELECT document FROM marts.dim_source_document WHERE family = 'rotherham_monthly' "
                      "AND is_latest_edition")
    assert latest == [(DECEMBER,)]
    current = _serving(loaded, "SELECT document FROM marts.dim_source_document WHERE family = 'rotherham_monthly' "
                       "AND is_current_version ORDER BY 1")
    assert NEAR_EMPTY not in {d for d, in current} and THIN not in {d for d, in current} and (DECEMBER,) in current
    assert _serving(loaded, "SELECT DISTINCT source_document FROM marts.fct_scorecard WHERE council = 'Rotherham'") == [
        (DECEMBER,)]
    assert f"  FAILED  {NEAR_EMPTY}: suspected misread" in loaded["out"]


def test_a_known_report_whose_edition_cannot_be_read_fails_with_that_reason(loaded: dict) -> None:
    assert loaded["partitions"][RELAID] == AssetPartitionStatus.FAILED
    errors = _serving(loaded, "SELECT severity, message FROM marts.fct_load_errors WHERE document = ?", [RELAID])
    assert errors == [("error", f"{RELAID}: a lancashire_cpb_pack report whose edition date cannot be read in its "
                       "first pages (none of the family's edition patterns in extract/families.toml matches): its "
                       "values would have no period, so none is loaded")]
    assert _serving(loaded, "SELECT count(*) FROM marts.fct_indicator_value WHERE document = ?", [RELAID]) == [(0,)]


def test_a_renamed_copy_is_held_back_and_a_second_file_of_an_edition_is_current(loaded: dict) -> None:
    assert loaded["partitions"][COPY] == AssetPartitionStatus.MATERIALIZED
    facts = dict(_serving(loaded, "SELECT document, count(*) FROM marts.fct_indicator_value GROUP BY 1"))
    assert COPY not in facts and facts[SURREY] == facts[REVISED] > 0
    warnings = dict(_serving(loaded, "SELECT document, message FROM marts.fct_load_errors WHERE severity = 'warning'"))
    assert warnings[COPY].startswith(f"{COPY}: same content (SHA-256 ") and f"as {SURREY}, already loaded" in warnings[COPY]
    assert warnings[REVISED] == (
        f"{REVISED}: another file for surrey_cfllc edition 2020-12-14, besides {SURREY} loaded before: "
        f"{REVISED} is now current, {SURREY} is kept as a revision"
    )
    versions = dict((d, (c, r)) for d, c, r in _serving(
        loaded, "SELECT document, is_current_version, revised_by_document FROM marts.dim_source_document "
        "WHERE family = 'surrey_cfllc'"))
    assert versions == {SURREY: (False, REVISED), REVISED: (True, None)}
    assert _serving(loaded, "SELECT DISTINCT source_document FROM marts.fct_scorecard WHERE council = 'Surrey'") == [
        (REVISED,)]
    # The command line printed both warnings under their documents.
    out = loaded["out"]
    assert f"  loaded  {COPY} (held back)\n          warning: {warnings[COPY]}" in out
    assert f"  loaded  {REVISED} (added)\n          warning: {warnings[REVISED]}" in out
    assert loaded["code"] == 1  # documents failed


def test_document_paths_are_relative_to_the_landing_folder(loaded: dict) -> None:
    paths = _serving(loaded, "SELECT document, document_path FROM marts.dim_source_document")
    assert paths and all(path == document for document, path in paths)
    with duckdb.connect(str(loaded["settings"].warehouse_path), read_only=True) as con:
        raw = con.execute("SELECT document, path FROM raw.source_documents").fetchall()
    assert raw and all(path == document for document, path in raw)


def test_status_counts_every_cell_and_lists_the_quarantine(loaded: dict, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    row = next(line.split() for line in lines if line.startswith(f"  {ANNEX_A}") and "0/0" in line)
    assert row == [ANNEX_A, "499", "499", "499", "0", "0/0", "499", "1"]
    assert (f"  {ANNEX_A} page 1, contacts_decision_1_working_day_pct: printed '8823': "
            "8823 is outside 0 to 100 for a percent indicator") in lines
    assert f"  {NEAR_EMPTY}: suspected misread: a rotherham_monthly report with no value cells read" in lines


def test_status_into_a_closed_pipe_ends_without_a_traceback(loaded: dict) -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli", "status"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, **loaded["settings"].as_env()},
    )
    reader.stdout.close()  # the reader went away, as `| head` does, before anything was written
    _, err = reader.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()


@pytest.mark.parametrize(
    "text, safe",
    [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+44 1234", "'+44 1234"), ("-2+3", "'-2+3"),
     ("-", "-"), ("-0.05", "-0.05"),
     ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("58.3%", "58.3%"), ("", "")],
)
def test_formula_text_is_neutralised(text: str, safe: str) -> None:
    assert neutralise_formula(text) == safe
    assert neutralise_formula(-5.0) == -5.0 and neutralise_formula(None) is None


def test_the_extract_csv_holds_no_formula(tmp_path: Path) -> None:
    pdf = tmp_path / "formula.pdf"
    draw_pdf(pdf, ["Contacts"], [["Label", "Value", "Other"], ["=HYPERLINK(\"http://x\",\"y\")", "12", "-5"],
                                 ["@risk", "14", "-2+A1"]])
    out = tmp_path / "cells.csv"
    subprocess.run([sys.executable, "-m", "extract", str(pdf), "--csv", str(out)], cwd=REPO_ROOT, check=True,
                   capture_output=True)
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = [row[name] for row in rows for name in ("table_title", "row_code", "row_label", "row_group",
                                                    "column_label", "value_text")]
    assert rows and not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r")) and t != "-5"]
    assert any(t.startswith("'=HYPERLINK") for t in texts), texts
    assert "'-2+A1" in texts and "-5" in texts, texts  # a plain number is left as printed
