"""Read council children's social care performance PDFs into value cells."""

from extract.records import CELL_COLUMNS, Cell, DocumentResult

__all__ = ["CELL_COLUMNS", "Cell", "DocumentResult", "extract_document"]


def extract_document(path):  # replaced by the real reader in extract/reader.py
    from extract.reader import extract_document as _extract

    return _extract(path)
