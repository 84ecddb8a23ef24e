"""The command line for what engineers do without the UI.

    python -m orchestration.cli load [PATH ...]   load files or folders now (default: the landing folder)
    python -m orchestration.cli status            what loaded, what failed, what waits in the landing folder
    python -m orchestration.cli retire NAME       take a document's facts out of the warehouse
    python -m orchestration.cli reextract         submit the backfill that re-extracts every document
    python -m orchestration.cli checks            which dbt tests block the scorecards and which only warn
    python -m orchestration.cli suggest-mappings DOCUMENT|FAMILY   propose indicators for unmapped labels (review CSV)
    python -m orchestration.cli apply-mappings REVIEW.csv          add the accepted rows to the crosswalk, rebuild
    python -m orchestration.cli sql ["SELECT ..."] query the serving copy, read-only (a prompt without a query)
    python -m orchestration.cli export MART ...   marts to CSV, Parquet or Excel, filtered by council, period, indicator

Each command runs the jobs of orchestration.definitions in this process, recorded in
the project's Dagster instance (DAGSTER_HOME, default .dagster_home), so its runs
appear in `make dev` beside the sensors' -- the same pipeline, without the daemon.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dagster import DagsterInstance, Definitions

from orchestration.settings import REPO_ROOT, WarehouseSettings, dagster_ui_url


def _instance() -> DagsterInstance:
    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / ".dagster_home"))
    return DagsterInstance.get()


def _definitions(settings: WarehouseSettings) -> Definitions:
    from orchestration.definitions import build_definitions  # loads the dbt manifest: only when needed

    return build_definitions(settings)


def print_load_report(report, out=None) -> None:
    """One line per document with its warnings and errors under it, and one for the build."""
    out = out or sys.stdout  # looked up when called, so a redirected stdout gets the report
    for load in report.documents:
        if load.success:
            print(f"  loaded  {load.document} ({load.outcome})", file=out)
        else:
            print(f"  FAILED  {load.message or load.document}", file=out)
        for severity, message in load.problems:
            if severity != "error" or message not in (load.message or ""):
                print(f"          {severity}: {message}", file=out)
    for name, why in sorted(report.skipped.items()):
        print(f"  skipped {name}: {why}", file=out)
    if report.build is not None:
        outcome = "succeeded" if report.build.success else f"FAILED in {', '.join(report.build.failed_steps)}"
        print(f"Build (dbt, scorecards, serving copy) {outcome}: run {report.build.run_id}", file=out)
    if report.build_skipped:
        print(f"Build skipped: {report.build_skipped} (--always-build builds anyway).", file=out)


def cmd_load(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.loading import extraction_workers, load_paths

    paths = [Path(p) for p in args.paths] or [settings.landing_path]
    report = load_paths(
        _definitions(settings),
        instance,
        settings,
        paths,
        trigger="command line: load",
        run_build=not args.no_build,
        progress=not args.no_progress,
        log_level=args.log_level,
        workers=args.workers or extraction_workers(),
        always_build=args.always_build,
    )
    print_load_report(report)
    return 0 if report.success else 1


def cmd_status(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.status import format_status, read_status

    print(format_status(read_status(settings), settings.landing_path))
    return 0


def cmd_retire(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.loading import build, console_log_level, failure_reasons
    from orchestration.partitions import TRIGGER_TAG
    from orchestration.retirement import retire_document_job, retire_run_config, still_landed_reason

    refused = still_landed_reason(args.name, settings)
    if refused:
        print(f"Not retired: {refused}", file=sys.stderr)
        return 2
    defs = _definitions(settings)
    result = defs.resolve_job_def(retire_document_job.name).execute_in_process(
        instance=instance,
        run_config={**retire_run_config(args.name), **console_log_level(args.log_level)},
        tags={TRIGGER_TAG: "command line: retire"},
        raise_on_error=False,
    )
    if not result.success:
        reasons = "; ".join(failure_reasons(result)) or "see the run's log"
        print(f"Not retired: {reasons} (run {result.run_id})", file=sys.stderr)
        return 1
    print(f"Retired {args.name} (run {result.run_id}).")
    if args.no_build:
        print("Its facts leave the marts at the next build (the build sensor asks for one under `make dev`).")
        return 0
    built = build(defs, instance, progress=not args.no_progress, log_level=args.log_level)
    print(f"Build {'succeeded' if built.success else 'FAILED in ' + ', '.join(built.failed_steps)}: run {built.run_id}")
    return 0 if built.success else 1


def cmd_reextract(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.backfill import submit_reextract_backfill

    try:
        backfill_id = submit_reextract_backfill(_definitions(settings), instance, reason=args.reason)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(
        f"Submitted backfill {backfill_id}: one run per document, then one build.\n"
        "The Dagster daemon runs it (`make dev` starts one): follow it at "
        f"{dagster_ui_url(f'/runs/b/{backfill_id}')}"
    )
    return 0


def cmd_checks(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.dbt_tests import dbt_tests_by_severity

    blocking, warning = dbt_tests_by_severity()
    print(f"{len(blocking)} dbt tests block the scorecards and the serving copy when they fail;")
    print(f"{len(warning)} only warn:")
    for model, test in warning:
        print(f"  {model}: {test}")
    if args.all:
        print("\nBlocking:")
        for model, test in blocking:
            print(f"  {model}: {test}")
    return 0


def cmd_suggest_mappings(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from mapping.family_entry import propose_family_entry
    from mapping.printed import WarehouseNotReadable, resolve_target
    from mapping.review import write_review
    from mapping.suggest import suggest_unmapped

    try:
        target = resolve_target(settings.warehouse_path, args.target)
    except (WarehouseNotReadable, LookupError) as error:
        print(str(error), file=sys.stderr)
        return 2
    suggestions, indicators = suggest_unmapped(settings.warehouse_path, target)
    out = Path(args.out) if args.out else settings.output_path / "mappings" / f"{target.slug}__review.csv"
    written = write_review(suggestions, indicators, out)
    proposed = sum(not s.abstained for s in suggestions)
    bar = f" (a proposal needs a confidence of {suggestions[0].threshold:g} % and a lead of {suggestions[0].margin:g} points)" if suggestions else ""
    print(f"{target.describe()}: {written} printed labels no crosswalk row maps; "
          f"{proposed} proposed, {written - proposed} abstained{bar}.")
    print(f"Review: {out}  (fill the accept column, then: python -m orchestration.cli apply-mappings {out})")
    if target.document and target.family is None:
        path = target.path if target.path and target.path.exists() else settings.landing_path / target.document
        try:
            entry = propose_family_entry(path)
        except (ValueError, OSError) as error:
            print(f"No family entry proposed: {error}", file=sys.stderr)
            return 0
        print(f"\n{target.document} is of no known family. Proposed entry for extract/families.toml "
              f"(it reads edition {entry.edition_read or 'none: write the edition pattern by hand'}):\n")
        print(entry.as_toml())
    return 0


def cmd_apply_mappings(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.loading import build
    from mapping.catalogue import read_indicators
    from mapping.review import ReviewError, apply_review

    try:
        applied = apply_review(Path(args.review), read_indicators())
    except ReviewError as error:
        print(f"Nothing applied: {error}", file=sys.stderr)
        return 2
    for row in applied.added:
        print(f"  added   {row.family}: {row.source_label or row.source_table_title!r} -> {row.indicator_code or '(excluded)'}")
    for row in applied.already_there:
        print(f"  already {row.family}: {row.source_label or row.source_table_title!r}")
    print(f"{len(applied.added)} rows added to seeds/indicator_crosswalk.csv; {applied.left_open} labels left open.")
    if not applied.added or args.no_build:
        return 0
    built = build(_definitions(settings), instance, progress=not args.no_progress, log_level=args.log_level)
    print(f"Build {'succeeded' if built.success else 'FAILED in ' + ', '.join(built.failed_steps)}: run {built.run_id}")
    return 0 if built.success else 1


def cmd_sql(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.sql_shell import Output, run_shell

    database = settings.warehouse_path if args.warehouse else settings.serving_path
    return run_shell(database, args.query, Output(max_rows=args.max_rows, as_csv=args.csv))


def cmd_export(args: argparse.Namespace, settings: WarehouseSettings, instance: DagsterInstance) -> int:
    from orchestration.export import ExportError, Filters, export_marts

    filters = Filters(councils=args.council, periods=args.period, indicators=args.indicator)
    out = Path(args.out) if args.out else settings.output_path / "exports"
    try:
        written = export_marts(settings.serving_path, args.marts, args.format, out, filters)
    except ExportError as error:
        print(f"Not exported: {error}", file=sys.stderr)
        return 2
    for export in written:
        print(f"  {export.path}  ({', '.join(f'{t} {n:,} rows' for t, n in export.rows.items())})")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m orchestration.cli",
        description="Load, inspect and retire source documents with the warehouse's Dagster definitions.",
    )
    commands = top.add_subparsers(dest="command", required=True)

    def command(name: str, help: str, run) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    def quietness(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--no-progress", action="store_true", help="no progress bars")
        sub.add_argument(
            "--log-level", default="CRITICAL", help="Dagster's console log level (default CRITICAL: the summary only)"
        )

    load = command("load", "Load PDFs now: each file, or each PDF of each folder, then build the marts.", cmd_load)
    load.add_argument("paths", nargs="*", help="files or folders (default: the landing folder); "
                      "files from elsewhere are copied into the landing folder first")
    load.add_argument("--no-build", action="store_true", help="extract only; leave dbt to the build sensor")
    load.add_argument("--always-build", action="store_true",
                      help="build even when every document is unchanged since the last build (after a model change)")
    load.add_argument("--workers", type=int, help="processes extracting side by side "
                      "(default: CSC_EXTRACT_WORKERS, else one per CPU core)")
    quietness(load)

    command("status", "What loaded, what failed, and what waits in the landing folder.", cmd_status)

    retire = command("retire", "Retire a document: delete its rows and partition, then rebuild the marts.", cmd_retire)
    retire.add_argument("name", help="the document's file name, e.g. ne_kpi__2017-q1__dev.pdf")
    retire.add_argument("--no-build", action="store_true", help="leave the rebuild to the build sensor")
    quietness(retire)

    reextract = command(
        "reextract", "Submit a backfill that re-extracts every document (for the daemon to run).", cmd_reextract
    )
    reextract.add_argument("--reason", default="extractor changed", help="recorded on the backfill's runs")

    checks = command("checks", "Which dbt tests block the scorecards and which only warn.", cmd_checks)
    checks.add_argument("--all", action="store_true", help="list the blocking tests too")

    suggest = command(
        "suggest-mappings",
        "Propose catalogue indicators for a loaded document's (or family's) unmapped labels, into a review CSV.",
        cmd_suggest_mappings,
    )
    suggest.add_argument("target", help="a loaded document's file name, or a report family")
    suggest.add_argument("--out", help="the review CSV (default: CSC_OUTPUT_DIR/mappings/TARGET__review.csv)")

    apply = command(
        "apply-mappings", "Add a review's accepted rows to the crosswalk seed, then rebuild the marts.", cmd_apply_mappings
    )
    apply.add_argument("review", help="a review CSV written by suggest-mappings, its accept column filled")
    apply.add_argument("--no-build", action="store_true", help="leave the rebuild to the build sensor")
    quietness(apply)
    sql = command("sql", "Query the serving copy of the marts, read-only: one query, or a prompt.", cmd_sql)
    sql.add_argument("query", nargs="?", help="SQL to run (several statements separated by ';'); "
                     "without it, a prompt (or the statements piped in)")
    sql.add_argument("--max-rows", type=int, default=40, help="rows shown per result (default 40)")
    sql.add_argument("--csv", action="store_true", help="print every row as CSV instead of a table")
    sql.add_argument("--warehouse", action="store_true",
                     help="open the warehouse itself (read-only; fails while a load writes it)")

    export = command("export", "Write marts to CSV, Parquet or Excel, from the serving copy.", cmd_export)
    export.add_argument("marts", nargs="+", help="mart names, e.g. fct_scorecard dim_indicator")
    export.add_argument("--format", choices=("csv", "parquet", "xlsx"), default="csv",
                        help="csv and parquet: one file per mart; xlsx: one workbook, a sheet per mart "
                        "and one of provenance (default csv)")
    export.add_argument("--out", help="folder to write into (default CSC_OUTPUT_DIR/exports)")
    export.add_argument("--council", action="append", default=[], help="only this council (name or org unit "
                        "code; repeat for several)")
    export.add_argument("--period", action="append", default=[], help="only this period: its key or label "
                        "(2020-12, Dec 2020) or a year or month its period ends in (2020, 2020-12)")
    export.add_argument("--indicator", action="append", default=[], help="only this indicator code")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = WarehouseSettings.from_env()
    instance = _instance() if args.command in ("load", "retire", "reextract", "apply-mappings") else None
    try:
        code = args.run(args, settings, instance)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # the reader went away (`cli status | head`): say nothing more, and let no flush at exit fail
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        if instance is not None:
            instance.dispose()


if __name__ == "__main__":
    sys.exit(main())
