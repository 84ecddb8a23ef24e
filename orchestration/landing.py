"""The landing layer: which source PDFs are waiting in the landing folder."""

from dataclasses import dataclass
from pathlib import Path

from dagster import AssetExecutionContext, Failure, MetadataValue, Output, asset

from extract.opening import sha256_of
from orchestration.settings import WarehouseSettings


@dataclass(frozen=True)
class LandedFile:
    """One PDF as found in the landing folder, before anyone reads it."""

    document: str
    path: str
    sha256: str
    bytes: int


def list_landing_pdfs(folder: Path) -> list[LandedFile]:
    """PDFs directly in the folder, by name; a document is known by its file name."""
    if not folder.is_dir():
        raise Failure(
            f"Landing folder {folder} does not exist.",
            description="Set CSC_LANDING_DIR to the folder that holds the source PDFs.",
        )
    pdfs = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")
    return [
        LandedFile(document=p.name, path=str(p), sha256=sha256_of(p), bytes=p.stat().st_size)
        for p in pdfs
    ]


@asset(group_name="landing", description="Source PDFs in the landing folder, with size and SHA-256.")
def source_documents(context: AssetExecutionContext, settings: WarehouseSettings) -> Output[list[LandedFile]]:
    files = list_landing_pdfs(settings.landing_path)
    if not files:
        context.log.warning(f"No PDFs in landing folder {settings.landing_path}")
    listing = "\n".join(f"| {f.document} | {f.bytes:,} | `{f.sha256[:12]}` |" for f in files)
    return Output(
        files,
        metadata={
            "landing_dir": MetadataValue.path(str(settings.landing_path)),
            "documents": len(files),
            "bytes": sum(f.bytes for f in files),
            "files": MetadataValue.md("| document | bytes | sha256 |\n|---|---:|---|\n" + listing),
        },
    )
