"""Extraction: values a reader finds by eye in the sample reports land in the right row,
column, page and document, and the whole corpus grades against its truth."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from extract import extract_document
from extract.families import Family, load_registry
from extract.records import CELL_COLUMNS, DocumentResult

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "sample_reports"
TRUTH = ROOT / "tests" / "fixtures" / "truth"


@lru_cache(maxsize=None)
def read(name: str) -> DocumentResult:
    return extract_document(SAMPLES / name)


def find(result: DocumentResult, row: str, column_end: str, **where):
    hits = [
        c
        for c in result.cells
        if (c.row_label == row or c.row_code == row)
        and c.column_label.endswith(column_end)
        and all(getattr(c, k) == v for k, v in where.items())
    ]
    assert hits, f"no cell for row {row!r}, column ending {column_end!r} in {result.document}"
    return hits


def test_rotherham_icpc_within_15_days_for_december():
    result = read("rotherham_monthly__2020-12__dev.pdf")
    (cell,) = find(result, "Dec-20", "% of initial CP confs in 15 days (in month)")
    assert (cell.value_text, cell.value, cell.unit, cell.page) == ("38.1%", 38.1, "percent", 22)
    assert cell.row_group == "IN MONTH PERFORMANCE"
    assert cell.column_label == "5.5 > % of initial CP confs in 15 days (in month)"


def test_rotherham_summary_row_has_code_group_and_header_path():
    result = read("rotherham_monthly__2020-12__dev.pdf")
    (cell,) = find(result, "2.2", "2020 / 21 > Dec-20", page=2)
    assert cell.row_label == "% of assessments for children's social care completed in 45 working days of referral"
    assert cell.row_group == "ASSESSMENTS (NEW ONLY)"
    assert (cell.value_text, cell.value) == ("88.8%", 88.8)


def test_rotherham_numerator_denominator_and_bracketed_count():
    result = read("rotherham_monthly__2020-12__dev.pdf")
    (contacts,) = find(result, "Jan-20", "(harm & not sure / 'contact' field type only)", value_text="972 of 1666")
    assert (contacts.numerator, contacts.denominator, contacts.value, contacts.page) == (972, 1666, None, 5)
    (agency,) = find(result, "Jan-20", "% of agency staff in social care (Council Plan Indicator)")
    assert (agency.value, agency.bracket_count, agency.unit) == (2.71, 7, "percent")


def test_rotherham_rag_fills_come_out_as_printed():
    result = read("rotherham_monthly__2020-12__dev.pdf")
    truth = [json.loads(line) for line in open(TRUTH / "rotherham_monthly__2020-12__dev.truth.jsonl")]
    printed = {(t["page"], t["row_label"]): t["fill"] for t in truth if t["fill"]}
    extracted = {(c.page, c.row_label): c.fill for c in result.cells if c.fill}
    assert len(printed) == 41
    assert extracted == printed
    (cell,) = find(result, "% of referrals going onto assessment", "RAG (in month)")
    assert (cell.fill, cell.value_text) == ("green", "")


def test_annex_a_burnley_cla_rate_and_merged_care_leaver_cells():
    result = read("lancashire_annex_a__2020-09-01__dev.pdf")
    (cell,) = find(result, "CLA Rate (per 10,000)", "CSC EAST > Burnley")
    assert (cell.value, cell.unit, cell.row_group, cell.page) == (142.4, "rate_per_10k", "CLA", 1)
    (merged,) = find(result, "Care Leavers in Suitable Acc.", "CSC EAST > Burnley | Pendle | Rossendale | HRV")
    assert (merged.value, merged.column_span, merged.page) == (92, 4, 2)


def test_ne_kpi_numerator_and_denominator_columns():
    result = read("ne_kpi__2017-q2__dev.pdf")
    (num,) = find(result, "CSC 038", "Sept - Num")
    (den,) = find(result, "CSC 038", "Sept - Den")
    assert (num.value, den.value) == (539, 574)
    assert num.row_label == "% of children & families assessments completed within 45 working days"


def test_surrey_headlines_and_card():
    result = read("surrey_cfllc__2020-12-14__dev.pdf")
    (contacts,) = find(result, "Contacts in the last 6 months", "")
    assert (contacts.value, contacts.row_group, contacts.page) == (26618, "Contacts", 1)
    (card,) = find(result, "CPP ended in 6 months", "")
    assert (card.value, card.page) == (384, 5)


@pytest.mark.parametrize(
    "name, family, council, edition",
    [
        ("rotherham_monthly__2020-12__dev.pdf", "rotherham_monthly", "Rotherham", "2020-12-31"),
        ("lancashire_annex_a__2020-09-01__dev.pdf", "lancashire_annex_a", "Lancashire", "2020-09-01"),
        ("lancashire_cpb_pack__2020-09-10__dev.pdf", "lancashire_cpb_pack", "Lancashire", "2020-09-10"),
        ("surrey_cfllc__2020-12-14__dev.pdf", "surrey_cfllc", "Surrey", "2020-12-14"),
        ("ne_kpi__2017-q1__dev.pdf", "ne_kpi", "North East council (unnamed)", "2017-06-30"),
    ],
)
def test_family_council_and_edition_recognised_from_content(name, family, council, edition, tmp_path):
    renamed = tmp_path / "report.pdf"  # the file name must not matter
    renamed.write_bytes((SAMPLES / name).read_bytes())
    result = extract_document(renamed)
    assert (result.family, result.council, result.edition) == (family, council, edition)
    assert result.cells and result.error is None


def test_unknown_family_still_yields_cells_and_says_so():
    registry = [f for f in load_registry() if f.name != "lancashire_annex_a"]
    result = extract_document(SAMPLES / "lancashire_annex_a__2020-09-01__dev.pdf", registry=registry)
    assert result.family is None and result.error is None
    assert len(result.cells) == 499
    assert any("no known report family" in w for w in result.warnings)


def test_registry_entry_is_configuration():
    custom = Family("annex", "Somewhere", "Annex", ("Annex A",), (r"As At:?\s*(?P<day>\d+)/(?P<month>\d+)/(?P<year>\d{4})",))
    result = extract_document(SAMPLES / "lancashire_annex_a__2020-09-01__dev.pdf", registry=[custom])
    assert (result.family, result.council, result.edition) == ("annex", "Somewhere", "2020-09-01")


def test_every_cell_carries_provenance():
    result = read("lancashire_annex_a__2020-09-01__dev.pdf")
    for cell in result.cells:
        assert cell.document == "lancashire_annex_a__2020-09-01__dev.pdf"
        assert len(cell.document_sha256) == 64 and cell.page in (1, 2)
        assert cell.x0 < cell.x1 and cell.top < cell.bottom
        assert cell.value_text or cell.fill


def test_command_line_writes_graded_csv_for_whole_corpus(tmp_path):
    out = tmp_path / "cells.csv"
    run = subprocess.run(
        [sys.executable, "-m", "extract", str(SAMPLES), "--csv", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert "rotherham_monthly__2020-12__dev.pdf: rotherham_monthly, 47 pages" in run.stderr
    with open(out, newline="") as handle:
        header = next(csv.reader(handle))
    assert header == CELL_COLUMNS
    score = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "score.py"), "--truth", str(TRUTH), "--extracted", str(out), "--json"],
        capture_output=True, text=True, check=True,
    )
    report = json.loads(score.stdout)
    for name, figures in report["documents"].items():
        assert figures["recall"] >= 99.0, (name, figures["recall"])  # percent
        assert figures["precision"] >= 98.0, (name, figures["precision"])


def test_table_title_names_the_indicator_where_rows_do_not():
    result = read("lancashire_cpb_pack__2020-09-10__dev.pdf")
    monthly = [c for c in result.cells if c.page == 19 and c.row_label == "New MASH Episode" and c.column_label == "Jul-19"]
    assert [(c.value, c.table_title) for c in monthly] == [
        (1724, "Number of Contacts to children's social care during the month")
    ]
    annual = [c for c in result.cells if c.page == 19 and c.row_label == "Monthly Average" and c.column_label == "2014/15"]
    assert annual[0].table_title == "Number of Contacts to children's social care during the month"
