"""The sample reports redrawn in other layouts (benchmarks/layout_variants.py's variants): the
reader keeps its figures on three fixed layouts, the drawn truth is what the PDF prints, and
one report loaded in three layouts gives the warehouse the same facts as the original."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pdfplumber
import pytest

from benchmarks import score
from benchmarks.variants.document import render_document
from benchmarks.variants.grading import run_variant
from benchmarks.variants.layouts import DIMENSIONS, FIXED, variants
from benchmarks.variants.selection import whole_document
from benchmarks.variants.source import load_truth, source_tables
from extract import extract_document
from tests.conftest import SAMPLE_REPORTS
from tests.test_dbt_models import load_raw_tables, run_dbt

TRUTH = Path(__file__).parent / "fixtures" / "truth"
FIXED_BY_NAME = {v.name: v for v in FIXED}


@pytest.fixture(scope="module")
def tables():
    return source_tables(load_truth(TRUTH))


# Floors (percent) for the reader on the three fixed layouts.
@pytest.mark.parametrize(
    "name, recall_floor, precision_floor",
    [
        ("easy", 99.5, 99.5),  # ruled grid, sans, one header band
        ("medium", 99.5, 99.5),  # serif, rows ruled only, right-aligned, wrapped labels, repeated header
        ("hard", 99.0, 99.0),  # no rules, zebra, dark header band, no repeated header, status letters, chart
    ],
)
def test_fixed_layouts_are_read(name, recall_floor, precision_floor, tables, tmp_path):
    outcome = run_variant(FIXED_BY_NAME[name], tables, tmp_path)
    assert len(outcome.documents) == 5  # one per report family
    for document in outcome.documents:
        assert document.error is None, document.error
        assert document.recognised, (document.name, document.family_found, document.edition_found)
    total = outcome.total
    assert total["truth"] > 500
    assert total["recall"] >= recall_floor, (total, outcome.missed[:5])
    assert total["precision"] >= precision_floor, (total, outcome.unmatched[:5])


def test_drawn_truth_is_what_the_pdf_prints(tables, tmp_path):
    """Every truth cell of the hardest fixed layout: its printed text inside its box on its page."""
    run_variant(FIXED_BY_NAME["hard"], tables, tmp_path)
    by_document: dict[str, list[dict]] = {}
    for record in load_truth(tmp_path):
        by_document.setdefault(record["document"], []).append(record)
    checked = 0
    for document, records in sorted(by_document.items()):
        with pdfplumber.open(tmp_path / document) as pdf:
            for record in records:
                printed = record.get("printed", record["raw"])
                if not printed:
                    continue
                x0, top, x1, bottom = record["bbox"]
                page = pdf.pages[record["page"] - 1]
                inside = page.within_bbox((x0 - 1, top - 1, x1 + 1, bottom + 1)).extract_text(x_tolerance=1.5)
                assert inside.replace("\n", " ").replace(" ", "") == printed.replace(" ", ""), record
                checked += 1
    assert len(by_document) == 5 and checked > 500


def test_variants_are_seeded_and_cover_every_dimension_value():
    first, again, other = variants(13, 40), variants(13, 40), variants(14, 40)
    assert first == again and first != other and len(first) == 40
    for dimension, values in DIMENSIONS.items():
        seen = {v.dimensions()[dimension] for v in first}
        assert seen == set(values), dimension


def test_status_word_counts_as_its_fill():
    truth = [{"document": "d.pdf", "page": 1, "row_label": "Contacts", "column_label": "RAG", "raw": "Red",
              "fill": "red", "value": None}]

    def recall(value_text, fill=""):
        rows = [{"document": "d.pdf", "page": 1, "row_label": "Contacts", "column_label": "RAG",
                 "value_text": value_text, "fill": fill}]
        return score.score(truth, rows)["total"]["recall"]

    assert recall("Red") == 100.0
    assert recall("R") == 0.0  # a different word than printed
    assert recall("", "red") == 100.0  # the status read from a fill
    assert recall("Green") == 0.0
    assert recall("", "green") == 0.0


# ---------------------------------------------------------------- same facts from any layout

NE_KPI = "ne_kpi__2017-q1__dev.pdf"
BASE = dataclasses.replace(FIXED_BY_NAME["easy"], page="A3-landscape")
SAME_FACT_LAYOUTS = {
    "ruled": BASE,
    "serif_report": dataclasses.replace(
        BASE, face="serif", size=8, align="right", caption="above", running="both", page_numbers="page_of",
        front="cover_contents", chart="bar"),
    "mono_dark_band": dataclasses.replace(
        BASE, face="mono", size=7, header_band="dark", align="centre", page_break="repeat", footnotes="notes"),
}
FACTS = """
    select v.indicator_code, v.period_key, v.org_unit_code, v.value, v.numerator, v.denominator, s.printed_rag
    from marts.fct_indicator_value as v
    left join intermediate.int_indicator_value_statuses as s
        on s.document = v.document and s.indicator_code = v.indicator_code
        and s.period_key = v.period_key and s.org_unit_code = v.org_unit_code
    where v.document = ?
    order by all
"""


def _ne_kpi_beside_its_layouts(layouts: dict, tables, tmp_path):
    """The NE KPI report as printed and drawn in each layout, all read and built into one warehouse."""
    results = [extract_document(SAMPLE_REPORTS / NE_KPI)]
    selection = whole_document(tables, NE_KPI)
    for name, layout in layouts.items():
        pdf = tmp_path / f"ne-kpi-{name.replace('_', '-')}.pdf"
        render_document(selection, dataclasses.replace(layout, name=name), pdf.name, pdf)
        results.append(extract_document(pdf))
    warehouse = tmp_path / "warehouse.duckdb"
    load_raw_tables(warehouse, results)
    run = run_dbt(["build", "--select", "+fct_indicator_value", "+int_indicator_value_statuses",
                   "--resource-type", "seed", "--resource-type", "model"], warehouse, tmp_path)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    return results, warehouse


def test_same_facts_from_any_layout(tables, tmp_path):
    """The NE quarterly KPI report drawn in three layouts and loaded beside the original: each gives
    the same indicator values (indicator, period, org unit, value, numerator / denominator, RAG)."""
    results, warehouse = _ne_kpi_beside_its_layouts(SAME_FACT_LAYOUTS, tables, tmp_path)
    for result in results:
        assert (result.family, result.edition, result.error) == ("ne_kpi", "2017-06-30", None), result.document
    with duckdb.connect(str(warehouse), read_only=True) as con:
        original = con.execute(FACTS, [NE_KPI]).fetchall()
        # assessments completed within 45 working days: 95 % (273 of 287) in the year to June, green
        assert ("assessments_within_45_days_pct", "financial_year_to_date:2017-04-01:2017-06-30",
                "north_east_council_unnamed", 95.0, 273.0, 287.0, "green") in original
        assert len(original) > 250 and sum(1 for row in original if row[-1]) >= 20
        for result in results[1:]:
            assert con.execute(FACTS, [result.document]).fetchall() == original, result.document


RAG_LAYOUTS = {  # on the ruled layout: each a way of printing a status, none of them the original's
    "rag_words": dataclasses.replace(BASE, rag_style="word", zebra="cream"),
    "rag_letters_muted": dataclasses.replace(BASE, rag_style="letter", rag_palette="muted"),
    "tinted_fills": dataclasses.replace(BASE, rag_palette="tinted", zebra="cream"),
    "muted_fills": dataclasses.replace(BASE, rag_palette="muted", zebra="grey"),
    "tinted_glyphs": dataclasses.replace(BASE, rag_style="glyph", rag_palette="tinted"),
}
RAG_FACTS = """
    select v.indicator_code, v.period_key, v.value, s.printed_rag
    from marts.fct_indicator_value as v
    inner join intermediate.int_indicator_value_statuses as s
        on s.document = v.document and s.indicator_code = v.indicator_code
        and s.period_key = v.period_key and s.org_unit_code = v.org_unit_code
    where v.document = ? and s.printed_rag is not null
    order by all
"""


def test_same_rag_from_any_status_style(tables, tmp_path):
    """The NE quarterly KPI report with its 22 RAG cells printed as words on cream bands, as
    letters, as pale (Excel light) and muted fills on tinted bands, and as coloured dots: the
    warehouse finds the original's printed RAG for every one."""
    results, warehouse = _ne_kpi_beside_its_layouts(RAG_LAYOUTS, tables, tmp_path)
    words = next(r for r in results if r.document == "ne-kpi-rag-words.pdf")
    assert {(c.value_text, c.fill) for c in words.cells if c.column_label == "Performance against target"} == {
        ("Red", "red"), ("Amber", "amber"), ("Green", "green")}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        original = con.execute(RAG_FACTS, [NE_KPI]).fetchall()
        assert len(original) == 22
        # children looked after visited in time: 75 % in the year to June, red; their reviews in
        # time, 100 % in June, amber; assessments within 45 working days, 95 % in the year, green
        assert {("cla_visits_in_time_pct", "financial_year_to_date:2017-04-01:2017-06-30", 75.0, "red"),
                ("cla_reviews_in_time_pct", "month:2017-06-01:2017-06-30", 100.0, "amber"),
                ("assessments_within_45_days_pct", "financial_year_to_date:2017-04-01:2017-06-30", 95.0, "green")
                } <= set(original)
        for result in results[1:]:
            assert con.execute(RAG_FACTS, [result.document]).fetchall() == original, result.document
