"""The landing folder: which source PDFs are waiting there, and their SHA-256.

A document is known by its file name. Hashing every file on every sensor tick
would reread the whole folder every 30 seconds, so a file whose size and
modification time are unchanged keeps the hash it had.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from extract.opening import sha256_of


@dataclass(frozen=True)
class LandedFile:
    """One PDF as found in the landing folder, before anyone reads it."""

    document: str
    path: str
    sha256: str
    bytes: int
    mtime_ns: int

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, value: Mapping) -> "LandedFile":
        return cls(**{name: value[name] for name in ("document", "path", "sha256", "bytes", "mtime_ns")})


class LandingFolderMissing(FileNotFoundError):
    """The configured landing folder does not exist."""


def landing_pdfs(folder: Path) -> list[Path]:
    """PDFs directly in the folder (`*.pdf`, any case), by name."""
    if not folder.is_dir():
        raise LandingFolderMissing(
            f"Landing folder {folder} does not exist: set CSC_LANDING_DIR to the folder that holds the source PDFs."
        )
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")


def describe(path: Path, known: Mapping[str, LandedFile] | None = None) -> LandedFile:
    """The file's size, modification time and SHA-256, reusing `known`'s hash if size and time match."""
    stat = path.stat()
    before = (known or {}).get(path.name)
    if before is not None and (before.bytes, before.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        sha256 = before.sha256
    else:
        sha256 = sha256_of(path)
    return LandedFile(path.name, str(path), sha256, stat.st_size, stat.st_mtime_ns)


def list_landing_pdfs(folder: Path, known: Mapping[str, LandedFile] | None = None) -> list[LandedFile]:
    """Every PDF in the folder with its hash; a file that vanishes while listed is left out."""
    files = []
    for path in landing_pdfs(folder):
        try:
            files.append(describe(path, known))
        except FileNotFoundError:
            continue
    return files
