"""Bad source files fail with a reason that names the file, and never stop the good ones."""

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from dagster import AssetKey, AssetPartitionStatus, instance_for_test
from PIL import Image, ImageDraw
from pypdf import PdfWriter

from extract.opening import SourceDocumentError, check_has_text, open_pdf, sha256_of
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


def test_each_bad_file_fails_its_own_partition_and_the_good_one_loads(
    landing: Path, tmp_settings: WarehouseSettings, copy_sample
) -> None:
    from orchestration.definitions import build_definitions
    from orchestration.landing import list_landing_pdfs
    from orchestration.loading import load_documents
    from orchestration.partitions import DOCUMENTS

    good = copy_sample(GOOD, landing)
    for name, make, _ in BAD_FILES:
        make(landing / name)
    landed_before = {p.name: sha256_of(p) for p in landing.iterdir()}

    with instance_for_test() as instance:
        loads = load_documents(
            build_definitions(tmp_settings), instance, list_landing_pdfs(landing), "test", progress=False
        )
        partition_status = instance.get_status_by_partition(
            AssetKey(["raw", "report_cells"]), sorted(landed_before), DOCUMENTS
        )

    by_name = {load.document: load for load in loads}
    assert by_name[good.name].success and by_name[good.name].outcome == "added"
    assert partition_status[good.name] == AssetPartitionStatus.MATERIALIZED
    for name, _, reason in BAD_FILES:
        # The run of that document fails, with a message naming the file and the reason.
        assert not by_name[name].success
        assert by_name[name].message.startswith(f"{name}: ") and reason in by_name[name].message.lower()
        assert partition_status[name] == AssetPartitionStatus.FAILED
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
        load_errors = {
            doc: (severity, message)
            for doc, severity, message in con.execute(
                "SELECT document, severity, message FROM raw.load_errors"
            ).fetchall()
        }
    assert set(status) == set(landed_before)
    state, error, cells = status[good.name]
    assert (state, error) == ("loaded", None)
    assert cells > 0 and cells_by_document[good.name] == cells
    assert set(load_errors) == {name for name, _, _ in BAD_FILES}
    for name, _, reason in BAD_FILES:
        state, error, cells = status[name]
        assert state == "failed", name
        assert name in error and reason in error.lower()
        assert cells == 0 and name not in cells_by_document
        assert load_errors[name] == ("error", error)
    # Nothing in the landing folder is moved, changed or deleted.
    assert {p.name: sha256_of(p) for p in landing.iterdir()} == landed_before
