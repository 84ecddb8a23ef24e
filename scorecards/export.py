"""Writing a scorecard to disk: its HTML page always, its PNG when a browser can draw one.

Most scorecards of a load are unchanged, and drawing one costs far more than
checking it, so each is put on disk by the cheapest step that leaves it right:

- kept: its page was drawn from the same inputs (see inputs.py) and its PNG is
  there (or PNGs are off): nothing is built;
- rewritten: the inputs changed but the table did not (a code change that does
  not show, rows outside the one shown): the page gets the new fingerprint, the
  PNG is kept;
- redrawn: the table changed (or has no PNG yet): page and PNG are written anew.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from great_tables import GT

from scorecards.inputs import inputs_meta, inputs_of, page_inputs
from scorecards.png import PngResult, PngWriter, png_size


@dataclass(frozen=True)
class Scorecard:
    """One scorecard to put on disk, and how to build its table should it have to be drawn."""

    kind: str
    name: str
    title: str
    inputs: str  # the fingerprint of everything the table is built from (inputs.inputs_fingerprint)
    build: Callable[[], GT]
    council: str = ""  # whose figures it shows (councils, for a benchmark), for the index page
    period: str = ""  # the period it reports, as printed


@dataclass(frozen=True)
class ExportedScorecard:
    """One scorecard on disk: its HTML, and its PNG or why there is none."""

    kind: str
    name: str
    title: str
    html_path: Path
    png: PngResult
    redrawn: bool = True  # False: the table was unchanged and its picture was kept
    council: str = ""
    period: str = ""


def html_page(table_html: str, title: str, inputs: str) -> str:
    """A standalone page (UTF-8, titled, with its inputs' fingerprint) holding the table, for a browser or an email.

    The body is great-tables' own page around the table (as_raw_html(make_page=True)).
    """
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        f"{inputs_meta(inputs)}\n<title>{escape(title)}</title>\n</head>\n"
        f"<body>\n{table_html}\n</body>\n</html>\n"
    )


def export_scorecard(card: Scorecard, folder: Path, png: PngWriter) -> ExportedScorecard:
    """Write <name>.html and <name>.png into the folder, or keep what is there if it is still right."""
    html_path, png_path = folder / f"{card.name}.html", folder / f"{card.name}.png"
    kept = _kept(card, html_path, png_path, png)
    if kept is not None:
        return kept
    table_html = card.build().as_raw_html()
    page = html_page(table_html, card.title, card.inputs)
    folder.mkdir(parents=True, exist_ok=True)
    if png_path.is_file() and _same_table(html_path, table_html, card.title):
        html_path.write_text(page, encoding="utf-8")
        return _exported(card, html_path, PngResult(png_path, *png_size(png_path)), redrawn=False)
    png_path.unlink(missing_ok=True)  # drawn from the old page
    html_path.write_text(page, encoding="utf-8")
    return _exported(card, html_path, png.save(table_html, png_path))


def _kept(card: Scorecard, html_path: Path, png_path: Path, png: PngWriter) -> ExportedScorecard | None:
    """The scorecard as it is on disk, if its page was drawn from these inputs and needs no PNG drawn."""
    if page_inputs(html_path) != card.inputs:
        return None
    if png_path.is_file():
        return _exported(card, html_path, PngResult(png_path, *png_size(png_path)), redrawn=False)
    if png.disabled:
        return _exported(card, html_path, png.skipped(), redrawn=False)
    return None


def _same_table(html_path: Path, table_html: str, title: str) -> bool:
    """Whether the page on disk holds this table under this title, whatever inputs it was drawn from."""
    try:
        old = html_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return old == html_page(table_html, title, inputs_of(old) or "")


def _exported(card: Scorecard, html_path: Path, png: PngResult, redrawn: bool = True) -> ExportedScorecard:
    return ExportedScorecard(card.kind, card.name, card.title, html_path, png, redrawn, card.council, card.period)
