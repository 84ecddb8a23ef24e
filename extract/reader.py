"""Read one source PDF into value cells with their provenance.

Never raises for a bad document: the reason goes into DocumentResult.error, naming the
file, so that one broken report never stops the others.
"""

from __future__ import annotations

from pathlib import Path

from extract.cells import TableCell, read_grid
from extract.charts import chart_regions, within
from extract.colours import status_boxes
from extract.contents import is_contents, is_contents_entry
from extract.continuation import Layout
from extract.families import Family, load_registry, recognise
from extract.furniture import furniture_boxes, margin_lines
from extract.grid import Grid, colour_cells
from extract.headlines import headline_cells
from extract.lines import lines_outside, text_lines
from extract.marks import without_raised_marks
from extract.opening import SourceDocumentError, check_has_text, open_pdf, sha256_of
from extract.records import Cell, DocumentResult
from extract.regions import has_numbers, is_chart
from extract.rules import ruled_grids, rules_fit_text, rules_frame_cells
from extract.status import clear_row_bands
from extract.text_grid import lone_rows, text_grids
from extract.titles import heading_above
from extract.values import parse_value, unit_from_context, without_footnote_mark

RECOGNITION_PAGES = 2
CHART_MARGIN = 30.0  # points around a chart's plot area that hold its axis labels


def _widened(box, margin: float):
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def extract_document(path: str | Path, registry: list[Family] | None = None) -> DocumentResult:
    path = Path(path)
    result = DocumentResult(path.name, str(path), "", None, None, None, None, 0)
    try:
        result.sha256 = sha256_of(path)
        with open_pdf(path) as pdf:
            check_has_text(pdf, path)
            result.pages = len(pdf.pages)
            first_texts = [page.extract_text() or "" for page in pdf.pages[:RECOGNITION_PAGES]]
            text = "\n".join(first_texts)
            family = recognise(text, registry if registry is not None else load_registry())
            if family is None:
                result.warnings.append(f"{path.name}: no known report family matches; cells read generically")
            else:
                result.family, result.council, result.title = family.name, family.council, family.title
                result.edition = family.edition_of(text)
            result.cells = list(_read_pages(pdf, result, first_texts))
    except SourceDocumentError as error:
        result.error = str(error)
        result.cells = []
    except Exception as error:  # an extractor fault on one document must not stop the load
        result.error = f"{path.name}: extraction failed ({type(error).__name__}: {error})"
        result.cells = []
    return result


def _colour(grid: Grid, rects: list[dict]) -> None:
    colour_cells(grid, rects)
    clear_row_bands(grid, rects)


def _read_pages(pdf, result: DocumentResult, first_texts: list[str]):
    layout: Layout | None = None
    tables_seen = 0
    pages = pdf.pages
    texts = {number: text for number, text in enumerate(first_texts, start=1)}  # read once, for recognition

    def page_text(number: int) -> str:  # another page's text, for a contents entry pointing to it
        if number not in texts:
            texts[number] = pages[number - 1].extract_text() or ""
        return texts[number]

    margins_before: list = []
    margins = margin_lines(pages[0].chars, float(pages[0].height)) if pages else []
    for index, page in enumerate(pages):
        chars, rects = page.chars, page.rects
        following = pages[index + 1] if index + 1 < len(pages) else None
        margins_after = margin_lines(following.chars, float(following.height)) if following is not None else []
        furniture = furniture_boxes(margins, [margins_before, margins_after], page.page_number, len(pages))
        margins_before, margins = margins, margins_after
        grids: list[Grid] = []
        charts: list[Grid] = []
        marks = chart_regions(rects, page.curves, chars, page.lines)
        for grid in ruled_grids(page, marks):
            if not rules_fit_text(grid):
                continue  # bands or row boxes, not cells: the text says where the cells are
            _colour(grid, rects)
            if not is_chart(grid):
                if rules_frame_cells(grid, chars):
                    grids.append(grid)
                # else: a band and fills framing rows they do not draw: the text says where the cells are
            elif not any(c.text for c in grid.cells) or any(within(m, grid.bbox) for m in marks):
                charts.append(grid)
            # else: rules that do not fit the text (mostly empty cells, no marks): read it as text
        # A chart's axis labels and legend print just outside its plot area; a chart drawn
        # without gridlines is known by its marks alone.
        loose = [m for m in marks if not any(within(m, g.bbox) for g in grids + charts)]
        chart_boxes = [_widened(g.bbox, CHART_MARGIN) for g in charts] + [_widened(m, CHART_MARGIN) for m in loose]
        ruled_boxes = [g.bbox for g in grids] + chart_boxes
        lines = text_lines(without_raised_marks(chars), float(page.height), ruled_boxes + furniture)
        unruled, contents = [], []
        for grid in text_grids(lines, page.page_number, float(page.width), status_boxes(rects)):
            if is_contents(grid, len(pages), page_text):
                contents.append(grid)
            elif has_numbers(grid):
                unruled.append(grid)
        if layout is not None:  # the last row of the previous page's table, carried over alone
            rest = lines_outside(lines, [g.bbox for g in unruled + contents])
            unruled.extend(g for g in lone_rows(rest, page.page_number, float(page.width))
                           if layout.matches(layout.columns_of(g)))
        for grid in unruled:
            _colour(grid, rects)
        grids.extend(unruled)
        free_lines = lines_outside(lines, [g.bbox for g in unruled + contents])
        floor, title_on_page = 0.0, None
        for grid in sorted(grids, key=lambda g: (round(g.bbox[1]), g.bbox[0])):
            if layout is not None and (regridded := layout.columns_of(grid)) is not grid:
                grid = regridded
                _colour(grid, rects)  # the table's columns may hold fills the page's own grid left out
            continues = layout is not None and layout.matches(grid)
            if not continues:
                tables_seen += 1
            heading = heading_above(grid.bbox, free_lines, floor)
            inherited = layout.title if continues and layout is not None else title_on_page
            table_cells, layout = read_grid(grid, f"t{tables_seen:02d}", layout, heading or inherited)
            title_on_page = layout.title
            floor = max(floor, grid.bbox[3]) if grid.bbox[3] < page.height else floor
            for table_cell in table_cells:
                yield _cell(result, page.page_number, table_cell)
        headlines = headline_cells(free_lines)
        alone = not grids and not contents and len(headlines) == 1
        for table_cell in headlines:
            if is_contents_entry(table_cell.row_label, table_cell.text, page.page_number, len(pages), page_text, alone):
                continue
            table_cell.table_title = heading_above(table_cell.cell.box, free_lines, 0.0) or ""
            yield _cell(result, page.page_number, table_cell)
        page.close()  # a long report need not keep every page's objects in memory


def _cell(result: DocumentResult, page_number: int, found: TableCell) -> Cell:
    text = without_footnote_mark(found.text)
    parsed = parse_value(text)
    x0, top, x1, bottom = found.cell.box
    return Cell(
        document=result.document,
        document_sha256=result.sha256,
        page=page_number,
        table_id=found.table_id,
        table_title=found.table_title,
        row_code=found.row_code,
        row_label=found.row_label,
        row_group=found.row_group,
        column_label=found.column_label,
        column_span=found.column_span,
        value_text=text,
        value=parsed.value,
        numerator=parsed.numerator,
        denominator=parsed.denominator,
        bracket_count=parsed.bracket_count,
        vintage=parsed.vintage,
        unit=unit_from_context(parsed, found.row_label, found.column_label) if text else "text",
        fill=found.fill,
        x0=round(x0, 1),
        top=round(top, 1),
        x1=round(x1, 1),
        bottom=round(bottom, 1),
    )
