"""`make demo`: load the landing folder's reports and print, on one screen, what happened.

Runs the `load_reports` job in this process against the project's Dagster
instance (DAGSTER_HOME), so the run also shows up in `make dev`.
"""

import os
import sys
from pathlib import Path

import duckdb
from dagster import DagsterInstance

from orchestration.definitions import build_definitions
from orchestration.raw_tables import DOCUMENTS_TABLE, SCHEMA
from orchestration.settings import REPO_ROOT, WarehouseSettings

# Dagster's per-step DEBUG events would push the summary off the screen.
QUIET_RUN = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def shown(path: Path) -> str:
    """A path as a user in the repository would type it."""
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def summary(settings: WarehouseSettings, run_id: str, failed_steps: list[str]) -> str:
    """Documents read or failed, with family and cells, and where everything went."""
    outcome = f"FAILED in {', '.join(failed_steps)} (see the log above)" if failed_steps else "succeeded"
    lines = [f"Dagster run {run_id}: {outcome}"]
    if not settings.warehouse_path.exists():
        return "\n".join(lines + [f"No warehouse was written at {shown(settings.warehouse_path)}."])
    try:
        con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    except duckdb.IOException as exc:  # another process (a run from `make dev`?) is writing it
        return "\n".join(lines + [f"Could not read the warehouse: {exc}"])
    with con:
        documents = con.execute(
            f"SELECT document, family, pages, cells, status, error FROM {DOCUMENTS_TABLE} "
            f"WHERE loaded_at = (SELECT max(loaded_at) FROM {DOCUMENTS_TABLE}) ORDER BY document"
        ).fetchall()
        built = con.execute(
            "SELECT table_schema, count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN (?, 'information_schema', 'pg_catalog') "
            "GROUP BY table_schema ORDER BY table_schema",
            [SCHEMA],
        ).fetchall()
    failed = [d for d in documents if d[4] != "loaded"]
    width = max([len(d[0]) for d in documents] + [8])
    lines += [
        f"Read {len(documents)} document(s) from {shown(settings.landing_path)}: "
        f"{len(documents) - len(failed)} loaded, {len(failed)} failed",
        "",
        f"  {'document':<{width}}  {'family':<20} {'pages':>5} {'cells':>6}",
    ]
    lines += [
        f"  {doc:<{width}}  {family or 'unrecognised':<20} {pages:>5} {cells:>6}"
        for doc, family, pages, cells, status, _ in documents
        if status == "loaded"
    ]
    if failed:
        # The extractor's reasons already name the file, as a log line should.
        lines += ["", "Failed:"] + [
            f"  {error}" if (error or "").startswith(doc) else f"  {doc}: {error}" for doc, *_, error in failed
        ]
    outputs = sorted(p for p in settings.output_path.rglob("*") if p.is_file()) if settings.output_path.is_dir() else []
    lines += [
        "",
        f"Warehouse: {shown(settings.warehouse_path)}  (raw tables in schema {SCHEMA}; dbt relations: "
        + (", ".join(f"{schema} {count}" for schema, count in built) or "none")
        + ")",
        f"Outputs:   {shown(settings.output_path)}  ({len(outputs)} file(s))",
        "Browse:    make dev, then http://127.0.0.1:3000",
    ]
    return "\n".join(lines)


def main() -> int:
    # `make` sets DAGSTER_HOME; run directly, use the project's instance all the same.
    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / ".dagster_home"))
    settings = WarehouseSettings.from_env()
    result = build_definitions(settings).resolve_job_def("load_reports").execute_in_process(
        instance=DagsterInstance.get(), run_config=QUIET_RUN, raise_on_error=False
    )
    failed_steps = [event.step_key or "?" for event in result.get_step_failure_events()]
    print("\n" + summary(settings, result.run_id, failed_steps))
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
