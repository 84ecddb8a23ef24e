"""The landing folder's PDFs as an observable source asset: where the lineage graph starts.

Dagster does not make these files, it finds them; observing the asset (the UI's
*Observe sources*, or the landing sensor when files arrive, change or leave) records
which PDFs are there with their SHA-256, and a data version that changes whenever
any of them does. The raw assets, one partition per document, are read from it.
"""

import hashlib
import warnings

from dagster import (
    AssetKey,
    AssetObservation,
    BetaWarning,
    DataVersion,
    MetadataValue,
    ObserveResult,
    observable_source_asset,
)

from orchestration.landing import LandedFile, list_landing_pdfs
from orchestration.settings import WarehouseSettings

LANDING_PDFS = AssetKey(["landing", "source_pdfs"])


def landing_version(files: list[LandedFile]) -> str:
    """One hash of every file name and content: the same folder, the same version."""
    digest = hashlib.sha256()
    for landed in sorted(files, key=lambda f: f.document):
        digest.update(f"{landed.document}\0{landed.sha256}\n".encode())
    return digest.hexdigest()


def landing_metadata(settings: WarehouseSettings, files: list[LandedFile]) -> dict[str, object]:
    rows = "\n".join(f"| {f.document} | {f.bytes:,} | `{f.sha256[:12]}` |" for f in files)
    return {
        "folder": MetadataValue.path(str(settings.landing_path)),
        "pdfs": len(files),
        "files": MetadataValue.md("| document | bytes | sha256 |\n|---|---:|---|\n" + rows)
        if files
        else MetadataValue.text("none"),
    }


def landing_observation(settings: WarehouseSettings, files: list[LandedFile]) -> AssetObservation:
    """The same observation as the asset's, for the landing sensor to record when it sees a change."""
    return AssetObservation(
        asset_key=LANDING_PDFS,
        metadata=landing_metadata(settings, files),
        tags={"dagster/data_version": landing_version(files)},
    )


def observe_landing(settings: WarehouseSettings) -> ObserveResult:
    files = list_landing_pdfs(settings.landing_path)
    return ObserveResult(data_version=DataVersion(landing_version(files)), metadata=landing_metadata(settings, files))


with warnings.catch_warnings():
    warnings.simplefilter("ignore", BetaWarning)  # beta in the pinned Dagster; tests/test_analysts.py observes it
    landing_pdfs = observable_source_asset(
        key=LANDING_PDFS,
        group_name="landing",
        description="The source PDFs in the landing folder (CSC_LANDING_DIR), each loaded as one partition of the "
        "raw assets. Observed by the landing sensor when files arrive, change or leave.",
    )(observe_landing)
