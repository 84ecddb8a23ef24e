"""Read council children's social care performance PDFs into value cells."""

from extract.reader import extract_document
from extract.records import CELL_COLUMNS, Cell, DocumentResult

__all__ = ["CELL_COLUMNS", "Cell", "DocumentResult", "extract_document"]
