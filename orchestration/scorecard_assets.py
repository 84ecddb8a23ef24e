"""The scorecards as Dagster assets: council, benchmark and org-unit scorecards, HTML and PNG.

Each asset reads the marts read-only, renders every scorecard of its kind with
the plain `scorecards` package into CSC_OUTPUT_DIR/scorecards/<kind>/, and
records in its materialisation where the files are, an index of them and a
preview of the first (the PNG as an image; the HTML path where no PNG could be
made, with the reason).

dagster-dbt names dbt models by their schema and name (LayerTranslator keeps the
default keys; marts are built with `+schema: marts`), so the marts read here are
["marts", "fct_scorecard"], ["marts", "dim_org_unit"] (the grid's column order and areas) and,
for the sparklines, ["marts", "fct_indicator_value"].
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from dagster import (
    AssetExecutionContext,
    AssetKey,
    MaterializeResult,
    MetadataValue,
    asset,
)

from orchestration.settings import WarehouseSettings
from orchestration.warehouse_lock import connect
from scorecards.export import ExportedScorecard
from scorecards.index_page import write_index
from scorecards.png import PngWriter, png_preview_markdown
from scorecards.records import ScorecardRow, TrendPoint, scorecard_rows, trend_points
from scorecards.render import (
    BENCHMARK,
    COUNCIL,
    ORG_UNIT,
    render_benchmark_scorecards,
    render_council_scorecards,
    render_org_unit_scorecards,
)
from scorecards.warehouse import read_scorecard, read_trend, require_warehouse

FCT_SCORECARD = AssetKey(["marts", "fct_scorecard"])
FCT_INDICATOR_VALUE = AssetKey(["marts", "fct_indicator_value"])
DIM_ORG_UNIT = AssetKey(["marts", "dim_org_unit"])

GROUP = "scorecards"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def scorecard_metadata(done: Sequence[ExportedScorecard], folder: Path) -> dict[str, object]:
    """Where the files are, one line per scorecard, and a preview of the first."""
    written = [d for d in done if d.png.path is not None]
    skipped_reasons = sorted({d.png.skipped for d in done if d.png.skipped})
    index = "\n".join(
        f"| {_md(d.title)} | `{d.html_path}` | "
        + (f"`{d.png.path}` | {d.png.width}×{d.png.height}" if d.png.path else f"– | {_md(d.png.skipped or '')}")
        + " |"
        for d in done
    )
    metadata: dict[str, object] = {
        "output_dir": MetadataValue.path(str(folder)),
        "scorecards": len(done),
        "redrawn": sum(d.redrawn for d in done),  # the others' pages were unchanged: files kept
        "png_written": len(written),
        "png_skipped": len(done) - len(written),
        "files": MetadataValue.md("| scorecard | HTML | PNG | pixels / why skipped |\n|---|---|---|---|\n" + index)
        if done
        else MetadataValue.text("none: the warehouse has no rows for this kind of scorecard"),
    }
    if skipped_reasons:
        metadata["png_skipped_because"] = MetadataValue.text("; ".join(skipped_reasons))
    if done:
        first = done[0]
        metadata["preview_html"] = MetadataValue.path(str(first.html_path))
        if first.png.path is not None:
            metadata["preview_png"] = MetadataValue.path(str(first.png.path))
        image = png_preview_markdown(first.png, first.title)
        metadata["preview"] = MetadataValue.md(
            f"**{_md(first.title)}**\n\n"
            + (image or f"No PNG ({_md(first.png.skipped or 'not written')}); open `{first.html_path}`.")
        )
    return metadata


def read_marts(settings: WarehouseSettings, with_trend: bool) -> tuple[list[ScorecardRow], list[TrendPoint]]:
    """The scorecard rows (and the sparkline values), read-only, waiting while another process writes."""
    require_warehouse(settings.warehouse_path)
    with connect(settings.warehouse_path, read_only=True) as con:
        rows = scorecard_rows(read_scorecard(con))
        trend = trend_points(read_trend(con)) if with_trend else []
    return rows, trend


def _render(
    context: AssetExecutionContext,
    settings: WarehouseSettings,
    kind: str,
    draw: Callable[[list[ScorecardRow], list[TrendPoint], Path, PngWriter], list[ExportedScorecard]],
) -> MaterializeResult:
    rows, trend = read_marts(settings, with_trend=kind == COUNCIL)
    with PngWriter() as png:
        if png.disabled:
            context.log.warning(f"Scorecard PNGs skipped, HTML only: {png.disabled}")
        done = draw(rows, trend, settings.output_path, png)
    for d in done:
        if d.png.skipped and not png.disabled:
            context.log.warning(f"{d.title}: {d.png.skipped}")
    context.log.info(
        f"{len(done)} {kind} scorecards in {settings.output_path / 'scorecards' / kind}: "
        f"{sum(d.redrawn for d in done)} drawn, the others unchanged"
    )
    return MaterializeResult(metadata=scorecard_metadata(done, settings.output_path / "scorecards" / kind))


@asset(
    group_name=GROUP,
    deps=[FCT_SCORECARD, DIM_ORG_UNIT, FCT_INDICATOR_VALUE],
    description="One scorecard per council and edition of its report (HTML and PNG): domains, polarity, last three "
    "periods, YTD, direction of travel, RAG beside the target, 12-month trend, SN and England benchmarks.",
)
def council_scorecards(context: AssetExecutionContext, settings: WarehouseSettings) -> MaterializeResult:
    return _render(context, settings, COUNCIL, render_council_scorecards)


@asset(
    group_name=GROUP,
    deps=[FCT_SCORECARD, DIM_ORG_UNIT],
    description="One scorecard per canonical indicator (HTML and PNG): every council's latest value ranked by "
    "polarity, beside the England, regional and statistical-neighbour averages, with each value's period.",
)
def benchmark_scorecards(context: AssetExecutionContext, settings: WarehouseSettings) -> MaterializeResult:
    return _render(
        context, settings, BENCHMARK, lambda rows, _trend, output, png: render_benchmark_scorecards(rows, output, png)
    )


@asset(
    group_name=GROUP,
    deps=[FCT_SCORECARD, DIM_ORG_UNIT],
    description="One Annex-A style grid per council and edition reported by district or team (HTML and PNG), "
    "each indicator coloured on its own scale with green at the better end by polarity.",
)
def org_unit_scorecards(context: AssetExecutionContext, settings: WarehouseSettings) -> MaterializeResult:
    return _render(
        context, settings, ORG_UNIT, lambda rows, _trend, output, png: render_org_unit_scorecards(rows, output, png)
    )


@asset(
    group_name=GROUP,
    deps=[council_scorecards, benchmark_scorecards, org_unit_scorecards],
    description="The front page of the outputs, CSC_OUTPUT_DIR/index.html: every scorecard with a thumbnail, "
    "its council, kind, period and when it was drawn.",
)
def scorecard_index(context: AssetExecutionContext, settings: WarehouseSettings) -> MaterializeResult:
    page, entries = write_index(settings.output_path)
    context.log.info(f"{page}: {len(entries)} scorecards")
    kinds = sorted({e.kind for e in entries})
    return MaterializeResult(
        metadata={
            "index": MetadataValue.path(str(page)),
            "scorecards": len(entries),
            **{f"{kind}_scorecards": sum(e.kind == kind for e in entries) for kind in kinds},
        }
    )


scorecard_assets = [council_scorecards, benchmark_scorecards, org_unit_scorecards]
