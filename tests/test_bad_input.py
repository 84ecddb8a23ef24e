"""Bad source files fail with a reason that names the file, and never stop the good ones."""

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, materialize
from PIL import Image, ImageDraw
from pypdf import PdfWriter

from extract.opening import SourceDocumentError, check_has_text, open_pdf, sha256_of
from orchestration.landing import source_documents
from orchestration.raw import raw_report_cells
from orchestration.settings import REPO_ROOT, WarehouseSettings

SAMPLE_REPORTS = REPO_ROOT / "data" / "sample_reports"
GOOD = "surrey_cfllc__2020-12-14__dev.pdf"


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


def make_not_a_pdf(path: Path) -> None:
    path.write_text("Children's social care KPIs, quarter 1\nContacts,26618\n")


def make_encrypted(path: Path) -> None:
    writer = PdfWriter(clone_from=SAMPLE_REPORTS / GOOD)
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(path)


def make_image_only(path: Path) -> None:
    """What a scanner makes: a page that is one picture, with no text characters."""
    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    for row in range(10):
        draw.rectangle((50, 80 + row * 40, 545, 110 + row * 40), outline="black")
    page.save(path, "PDF")


def make_truncated(path: Path) -> None:
    data = (SAMPLE_REPORTS / GOOD).read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_FILES: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty.pdf", make_empty, "empty file"),
    ("not_a_pdf.pdf", make_not_a_pdf, "not a pdf"),
    ("encrypted.pdf", make_encrypted, "needs a password"),
    ("scanned.pdf", make_image_only, "image-only"),
    ("truncated.pdf", make_truncated, "truncated"),
]


@pytest.mark.parametrize(("name", "make", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_opening_names_the_file_and_the_reason(tmp_path: Path, name: str, make, reason: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(SourceDocumentError) as raised:
        with open_pdf(path) as pdf:
            check_has_text(pdf, path)
    message = str(raised.value)
    assert name in message
    assert reason in message.lower()
    assert raised.value.path == path


def test_opening_a_good_report(tmp_path: Path, copy_sample) -> None:
    path = copy_sample(GOOD, tmp_path)
    with open_pdf(path) as pdf:
        check_has_text(pdf, path)
        assert len(pdf.pages) > 0


def test_raw_load_records_bad_files_and_loads_the_good_one(
    landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    good = copy_sample(GOOD, landing)
    for name, make, _ in BAD_FILES:
        make(landing / name)
    landed_before = {p.name: sha256_of(p) for p in landing.iterdir()}

    result = materialize([source_documents, raw_report_cells], resources={"settings": tmp_settings})

    assert result.success
    with duckdb.connect(tmp_settings.warehouse, read_only=True) as con:
        status = {
            doc: (state, error, cells)
            for doc, state, error, cells in con.execute(
                "SELECT document, status, error, cells FROM raw.source_documents"
            ).fetchall()
        }
        cells_by_document = dict(
            con.execute("SELECT document, count(*) FROM raw.report_cells GROUP BY document").fetchall()
        )
    assert set(status) == set(landed_before)
    state, error, cells = status[good.name]
    assert (state, error) == ("loaded", None)
    assert cells > 0 and cells_by_document[good.name] == cells
    for name, _, reason in BAD_FILES:
        state, error, cells = status[name]
        assert state == "failed", name
        assert name in error and reason in error.lower()
        assert cells == 0 and name not in cells_by_document
    # Nothing in the landing folder is moved, changed or deleted.
    assert {p.name: sha256_of(p) for p in landing.iterdir()} == landed_before

    [documents_event] = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key == AssetKey(["raw", "source_documents"])
    ]
    metadata = documents_event.materialization.metadata
    assert metadata["documents"].value == len(BAD_FILES) + 1
    assert metadata["failed_documents"].value == len(BAD_FILES)
