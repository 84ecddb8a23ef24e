"""Public PDFs from other table-extraction projects (tests/fixtures/realworld): on every file
at least as many cells read right as camelot's text-based stream reader, and most cells
overall. A cell is right when its row label, column header and value match the published
expected table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from realworld import CAMELOT_STREAM, FIXTURES, score_file  # noqa: E402

OVERALL_FLOOR = 0.98  # share of all expected cells (903/911 read right when set)


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[int, int]]:
    return {stem: (found, expected) for stem, found, expected in map(score_file, sorted(FIXTURES.glob("*.expected.json")))}


@pytest.mark.parametrize("stem", sorted(CAMELOT_STREAM))
def test_each_file_reads_at_least_as_many_cells_as_camelot(scores, stem):
    found, expected = scores[stem]
    assert found >= CAMELOT_STREAM[stem], f"{stem}: {found}/{expected} cells, camelot stream reads {CAMELOT_STREAM[stem]}"


def test_overall_share_of_cells_read_right(scores):
    found = sum(f for f, _ in scores.values())
    expected = sum(e for _, e in scores.values())
    assert found >= OVERALL_FLOOR * expected, f"{found}/{expected} cells"


def test_health_table_value_under_its_spanning_header():
    """Borderless, drawn with thin filled rectangles for rules: Assam's Capital / Medical &
    Public Health outlay is 161,600 (Rs. 000)."""
    from extract import extract_document

    cells = extract_document(FIXTURES / "health.pdf").cells
    (cell,) = [c for c in cells if c.row_label == "Assam" and c.value_text == "161,600"]
    assert cell.column_label.startswith("Capital") and cell.column_label.endswith("Health")
    assert cell.page == 1
