"""`make demo`: load the landing folder's reports and print, on one screen, what happened.

Runs the same jobs as the sensors, in this process (orchestration.loading): one
extract_documents run per PDF, then one build_marts run. They are recorded in the
project's Dagster instance (DAGSTER_HOME), so they also show up in `make dev`.
"""

import os
import sys
from pathlib import Path

import duckdb
from dagster import DagsterInstance

from orchestration.definitions import build_definitions
from orchestration.loading import LoadReport, extraction_workers, load_paths
from orchestration.raw_tables import DOCUMENTS_TABLE, SCHEMA
from orchestration.settings import REPO_ROOT, WarehouseSettings, dagster_ui_url
from scorecards.index_page import INDEX_NAME


def shown(path: Path) -> str:
    """A path as a user in the repository would type it."""
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def summary(settings: WarehouseSettings, report: LoadReport) -> str:
    """Documents read or failed, with family and cells, and where everything went."""
    build = report.build
    if build is None and report.build_skipped:
        lines = [f"Build skipped: {report.build_skipped}."]
    else:
        outcome = (
            "succeeded" if build and build.success else f"FAILED in {', '.join(build.failed_steps) if build else '?'}"
        )
        lines = [f"Build run {build.run_id if build else '-'}: {outcome}"]
    if not settings.warehouse_path.exists():
        return "\n".join(lines + [f"No warehouse was written at {shown(settings.warehouse_path)}."])
    try:
        con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    except duckdb.IOException as exc:  # another process (a run from `make dev`?) is writing it
        return "\n".join(lines + [f"Could not read the warehouse: {exc}"])
    attempted = [d.document for d in report.documents]
    with con:
        documents = {
            row[0]: row
            for row in con.execute(
                f"SELECT document, family, pages, cells FROM {DOCUMENTS_TABLE} ORDER BY document"
            ).fetchall()
        }
        built = con.execute(
            "SELECT table_schema, count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN (?, 'information_schema', 'pg_catalog') "
            "GROUP BY table_schema ORDER BY table_schema",
            [SCHEMA],
        ).fetchall()
    loaded = [d for d in report.documents if d.success and d.document in documents]
    width = max([len(name) for name in attempted] + [8])
    lines += [
        f"Read {len(attempted)} document(s) from {shown(settings.landing_path)}: "
        f"{len(loaded)} loaded, {len(report.failed)} failed",
        "",
        f"  {'document':<{width}}  {'family':<20} {'pages':>5} {'cells':>6}  outcome",
    ]
    for load in loaded:
        _, family, pages, cells = documents[load.document]
        lines.append(
            f"  {load.document:<{width}}  {family or 'unrecognised':<20} {pages:>5} {cells:>6}  {load.outcome}"
        )
    if report.failed:
        # The reasons already name the file, as a log line should.
        lines += ["", "Failed:"] + [f"  {d.message or d.document}" for d in report.failed]
    outputs = sorted(p for p in settings.output_path.rglob("*") if p.is_file()) if settings.output_path.is_dir() else []
    lines += [
        "",
        f"Warehouse: {shown(settings.warehouse_path)}  (raw tables in schema {SCHEMA}; dbt relations: "
        + (", ".join(f"{schema} {count}" for schema, count in built) or "none")
        + ")",
        f"Serving:   {shown(settings.serving_path)} (read-only copy of the marts), "
        f"Parquet in {shown(settings.parquet_path)}",
        f"Outputs:   {shown(settings.output_path)}  ({len(outputs)} file(s))",
        f"Scorecards: {shown(settings.output_path / INDEX_NAME)}  (every scorecard, with a picture; open it in a browser)",
        "Query:     python -m orchestration.cli sql \"SELECT * FROM marts.fct_scorecard LIMIT 5\"",
        f"Browse:    make dev, then {dagster_ui_url()};  status: python -m orchestration.cli status",
    ]
    return "\n".join(lines)


def main() -> int:
    # `make` sets DAGSTER_HOME; run directly, use the project's instance all the same.
    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / ".dagster_home"))
    settings = WarehouseSettings.from_env()
    instance = DagsterInstance.get()
    try:
        report = load_paths(
            build_definitions(settings),
            instance,
            settings,
            [settings.landing_path],
            trigger="make demo",
            workers=extraction_workers(),
        )
    finally:
        instance.dispose()
    print("\n" + summary(settings, report))
    built = report.build.success if report.build is not None else bool(report.build_skipped)
    return 0 if built and not report.failed else 1


if __name__ == "__main__":
    sys.exit(main())
