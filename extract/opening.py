"""Open a source PDF, or say plainly why it cannot be read.

Councils' reports arrive as files somebody saved, scanned, emailed or cut short.
The reader should fail on such a file with one sentence a person can act on,
naming the file, rather than with a pdfminer traceback.
"""

from __future__ import annotations

import hashlib
from os import PathLike
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

# Readers accept the %PDF- signature anywhere in the first kilobyte, and so do we.
_HEADER_WINDOW = 1024
# A complete PDF ends with %%EOF, possibly followed by a little whitespace or junk.
_TRAILER_WINDOW = 2048


class SourceDocumentError(Exception):
    """A source document that cannot be read, with the file and the reason."""

    def __init__(self, path: str | PathLike[str], reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


def sha256_of(path: str | PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes: identifies a document whatever it is named."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_pdf(path: str | PathLike[str]) -> pdfplumber.PDF:
    """Open a PDF with pdfplumber after checking it is a readable, unencrypted PDF.

    Use it as ``with open_pdf(path) as pdf:``. Raises SourceDocumentError for a
    missing or empty file, a file that is not a PDF, an encrypted PDF that needs
    a password, and a truncated or corrupt PDF whose pages cannot be read.
    """
    path = Path(path)
    _check_file(path)
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        raise SourceDocumentError(path, _open_failure_reason(path, exc)) from exc
    try:
        if not pdf.pages:
            raise SourceDocumentError(path, "the PDF has no pages")
    except SourceDocumentError:
        pdf.close()
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on a broken page tree
        pdf.close()
        raise SourceDocumentError(path, f"corrupt PDF: its pages cannot be read ({_describe(exc)})") from exc
    return pdf


def check_has_text(pdf: pdfplumber.PDF, path: str | PathLike[str]) -> None:
    """Raise unless some page has text characters.

    A scanned report is pictures of pages: there is nothing to extract without
    OCR, and saying so beats loading a document with no cells.
    """
    path = Path(path)
    for number, page in enumerate(pdf.pages, start=1):
        try:
            if page.chars:
                return
        except Exception as exc:  # pdfminer raises many unrelated types on a broken content stream
            raise SourceDocumentError(
                path, f"corrupt PDF: page {number} cannot be read ({_describe(exc)})"
            ) from exc
    raise SourceDocumentError(
        path,
        f"no text on any of its {len(pdf.pages)} page(s): it looks like a scanned or "
        "image-only document, which would need OCR",
    )


def _check_file(path: Path) -> None:
    """Reject what pdfminer would misreport: missing, empty and non-PDF files."""
    if not path.is_file():
        raise SourceDocumentError(path, "file not found")
    size = path.stat().st_size
    if size == 0:
        raise SourceDocumentError(path, "empty file (0 bytes)")
    with open(path, "rb") as handle:
        head = handle.read(_HEADER_WINDOW)
    if b"%PDF-" not in head:
        raise SourceDocumentError(
            path, f"not a PDF: no %PDF header (the file starts with {head[:16]!r})"
        )


def _open_failure_reason(path: Path, exc: PdfminerException) -> str:
    """Turn pdfminer's failure to open a file into the reason a person needs."""
    cause = exc.args[0] if exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return "encrypted PDF: it needs a password to open"
    if isinstance(cause, PDFEncryptionError):
        return f"encrypted PDF with unsupported encryption ({_describe(cause)})"
    if not _has_eof_marker(path):
        return f"truncated PDF: the file ends without a %%EOF marker ({_describe(cause)})"
    return f"corrupt PDF: it cannot be parsed ({_describe(cause)})"


def _has_eof_marker(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(max(0, path.stat().st_size - _TRAILER_WINDOW))
        return b"%%EOF" in handle.read()


def _describe(exc: BaseException) -> str:
    detail = str(exc).strip()
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
