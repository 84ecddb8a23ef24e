"""Running loads in this process: what `make demo` and the command line do without the daemon.

The same definitions as the sensors drive: each document is one run of the
partitioned extract_documents job, then one run of build_marts (dbt, scorecards,
serving copy). Runs are recorded in the given Dagster instance, so with the
project's instance (DAGSTER_HOME) they show up in `make dev` like any other.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import shutil
import sys
import threading
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from dagster import DagsterInstance, Definitions, ExecuteInProcessResult, JobDefinition
from dagster._core.events import DagsterEventType
from dagster._core.instance.ref import InstanceRef
from tqdm import tqdm

from orchestration.jobs import build_marts, extract_documents
from orchestration.landing import LandedFile, describe, landing_pdfs
from orchestration.load_history import last_change_timestamp, last_successful_build
from orchestration.partitions import DOCUMENTS, SHA256_TAG, TRIGGER_TAG, key_problem
from orchestration.raw import LOAD_ERRORS
from orchestration.raw_tables import Outcome
from orchestration.settings import WarehouseSettings

DBT_LOG_TAIL = 40  # lines of dbt's log shown when a build fails


def console_log_level(level: str) -> dict:
    """Run config that sets the console log level (the instance keeps every event whatever it is)."""
    return {"loggers": {"console": {"config": {"log_level": level}}}}


@dataclass(frozen=True)
class DocumentLoad:
    """One document's run: whether it loaded, and what became of the warehouse."""

    document: str
    sha256: str
    run_id: str
    success: bool
    outcome: str | None  # orchestration.raw_tables.Outcome value, when the rows were stored
    message: str | None  # why it failed
    problems: tuple[tuple[str, str], ...] = ()  # (severity, message) of every error and warning


@dataclass(frozen=True)
class BuildResult:
    run_id: str
    success: bool
    failed_steps: list[str]


@dataclass
class LoadReport:
    """What a load in this process did."""

    documents: list[DocumentLoad] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # file name -> why it was not loaded
    build: BuildResult | None = None
    build_skipped: str | None = None  # why no build ran although one was asked for

    @property
    def failed(self) -> list[DocumentLoad]:
        return [d for d in self.documents if not d.success]

    @property
    def success(self) -> bool:
        """Every document given loaded and the build (if run) succeeded."""
        return not self.failed and not self.skipped and (self.build is None or self.build.success)


def stage_into_landing(paths: Iterable[Path], landing: Path) -> tuple[list[Path], dict[str, str]]:
    """The landed PDFs to load: PDFs in the landing folder as they are, others copied into it.

    The landing folder is where every load reads from (a rerun, the sensor, a backfill),
    so a file given from elsewhere is put there first. A folder stands for its PDFs.
    """
    landing.mkdir(parents=True, exist_ok=True)
    staged: list[Path] = []
    skipped: dict[str, str] = {}
    for given in paths:
        given = given.expanduser().resolve()
        if given.is_dir():
            pdfs = landing_pdfs(given)
        elif given.is_file():
            pdfs = [given]
        else:
            skipped[given.name] = f"{given} does not exist"
            continue
        for pdf in pdfs:
            problem = key_problem(pdf.name)
            if problem:
                skipped[pdf.name] = problem
                continue
            target = landing / pdf.name
            if pdf.parent.resolve() != landing.resolve():
                shutil.copyfile(pdf, target)
            staged.append(target)
    return sorted(set(staged)), skipped


def load_documents(
    defs: Definitions,
    instance: DagsterInstance,
    files: Sequence[LandedFile],
    trigger: str,
    progress: bool = True,
    log_level: str = "CRITICAL",
    workers: int = 1,
    settings: WarehouseSettings | None = None,
) -> list[DocumentLoad]:
    """One extract_documents run per file, adding partitions as needed.

    With workers > 1 (and the settings the definitions were built with), that many
    processes each run the same job for one file at a time: extraction goes on side by
    side and each run waits its turn only to store its rows (orchestration.warehouse_lock).
    The loads come back in the order of `files` either way.
    """
    new = [f.document for f in files if not instance.has_dynamic_partition(DOCUMENTS.name, f.document)]
    if new:
        instance.add_dynamic_partitions(DOCUMENTS.name, new)
    bar = tqdm(total=len(files), desc="Extracting", unit="doc", disable=not progress, dynamic_ncols=True)
    loads: dict[str, DocumentLoad] = {}
    if workers > 1 and len(files) > 1 and settings is not None and not instance.is_ephemeral:
        pool = ProcessPoolExecutor(
            max_workers=min(workers, len(files)),
            mp_context=multiprocessing.get_context("spawn"),  # no forked Dagster threads or DuckDB handles
            initializer=_start_worker,
            initargs=(_settings_fields(settings), instance.get_ref()),
        )
        with pool:
            pending = {pool.submit(_load_in_worker, landed, trigger, log_level): landed for landed in files}
            for future in as_completed(pending):
                landed = pending[future]
                loads[landed.document] = _worker_outcome(future, landed)
                bar.set_postfix_str(landed.document)
                bar.update()
    else:
        job = defs.resolve_job_def(extract_documents.name)
        for landed in files:
            bar.set_postfix_str(landed.document)
            loads[landed.document] = _load_one(job, instance, landed, trigger, log_level)
            bar.update()
    bar.close()
    return [loads[landed.document] for landed in files]


def extraction_workers() -> int:
    """Worker processes for loads run here: CSC_EXTRACT_WORKERS, else one per CPU core."""
    value = os.environ.get("CSC_EXTRACT_WORKERS", "").strip()
    if not value:
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"CSC_EXTRACT_WORKERS must be a whole number of at least 1, not {value!r}")
    return int(value)


def _settings_fields(settings: WarehouseSettings) -> dict[str, str]:
    return {name: getattr(settings, name) for name in WarehouseSettings.model_fields}


# Each worker process builds the definitions and opens the instance once, for all its files.
_worker: dict = {}


def _start_worker(settings_fields: dict[str, str], instance_ref: InstanceRef) -> None:
    from orchestration.definitions import build_definitions  # a fresh interpreter: import here

    defs = build_definitions(WarehouseSettings(**settings_fields))
    _worker["job"] = defs.resolve_job_def(extract_documents.name)
    _worker["instance"] = DagsterInstance.from_ref(instance_ref)


def _load_in_worker(landed: LandedFile, trigger: str, level: str) -> DocumentLoad:
    return _load_one(_worker["job"], _worker["instance"], landed, trigger, level)


def _worker_outcome(future: Future, landed: LandedFile) -> DocumentLoad:
    """The worker's load, or the document's failure if its worker process died."""
    try:
        return future.result()
    except Exception as exc:  # a crashed worker (out of memory, killed): the run may not be recorded
        return DocumentLoad(
            landed.document, landed.sha256, "", False, None,
            f"{landed.document}: the worker process loading it failed: {type(exc).__name__}: {exc}",
        )


def _load_one(
    job: JobDefinition, instance: DagsterInstance, landed: LandedFile, trigger: str, level: str
) -> DocumentLoad:
    result = job.execute_in_process(
        instance=instance,
        partition_key=landed.document,
        tags={SHA256_TAG: landed.sha256, TRIGGER_TAG: trigger},
        run_config=console_log_level(level),
        raise_on_error=False,
    )
    outcome = None
    problems: tuple[tuple[str, str], ...] = ()
    for event in result.get_asset_materialization_events():
        if event.asset_key == LOAD_ERRORS.key:
            metadata = event.materialization.metadata
            outcome = metadata["outcome"].value
            if "messages" in metadata:
                problems = tuple((p["severity"], p["message"]) for p in metadata["messages"].value)
    reasons = failure_reasons(result)
    message = None
    if reasons:
        message = reasons[0] if reasons[0].startswith(landed.document) else f"{landed.document}: {reasons[0]}"
    return DocumentLoad(landed.document, landed.sha256, result.run_id, result.success, outcome, message, problems)


def failure_reasons(result: ExecuteInProcessResult) -> list[str]:
    """Why the steps of a run failed: a Failure's description, or the error's message."""
    reasons = []
    for failure in result.get_step_failure_events():
        data = failure.step_failure_data
        if data.user_failure_data is not None and data.user_failure_data.description:
            reasons.append(data.user_failure_data.description)
        elif data.error is not None:
            reasons.append(data.error.message.strip())
    return reasons


def build(
    defs: Definitions, instance: DagsterInstance, progress: bool = True, log_level: str = "CRITICAL"
) -> BuildResult:
    """One build_marts run, with a progress bar over the assets it materialises.

    dagster-dbt echoes dbt's log to standard output; unless the log level asks for
    detail it is held back, and its tail printed to standard error if the build fails.
    """
    job = defs.resolve_job_def(build_marts.name)
    run_id = str(uuid.uuid4())
    total = len(job.asset_layer.selected_asset_keys)
    verbose = logging.getLevelName(log_level.upper()) in (logging.DEBUG, logging.INFO)
    dbt_log = io.StringIO()
    with _materialization_progress(instance, run_id, total, "Building", progress):
        with contextlib.nullcontext() if verbose else contextlib.redirect_stdout(dbt_log):
            result = job.execute_in_process(
                instance=instance,
                run_id=run_id,
                tags={TRIGGER_TAG: "in-process load"},
                run_config=console_log_level(log_level),
                raise_on_error=False,
            )
    failed = sorted({event.step_key or "?" for event in result.get_step_failure_events()})
    if failed and not verbose:
        tail = "\n".join(dbt_log.getvalue().splitlines()[-DBT_LOG_TAIL:])
        print(f"The build failed in {', '.join(failed)}; the end of dbt's log:\n{tail}", file=sys.stderr)
    return BuildResult(result.run_id, result.success, failed)


class _materialization_progress:
    """A progress bar fed by a thread that counts the run's asset materialisations in the instance."""

    def __init__(self, instance: DagsterInstance, run_id: str, total: int, desc: str, enabled: bool) -> None:
        self.instance, self.run_id, self.enabled = instance, run_id, enabled
        self.bar = tqdm(total=total, desc=desc, unit="asset", disable=not enabled, dynamic_ncols=True)
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._follow, daemon=True)

    def __enter__(self) -> "_materialization_progress":
        if self.enabled:
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        if self.enabled:
            self.thread.join()
            self._count()
        self.bar.close()

    def _follow(self) -> None:
        while not self.done.wait(0.5):
            self._count()

    def _count(self) -> None:
        try:
            seen = len(
                self.instance.get_records_for_run(self.run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION).records
            )
        except Exception:  # the run is not stored yet, or storage is busy: try again on the next tick
            return
        self.bar.update(max(0, min(seen, self.bar.total) - self.bar.n))


def nothing_new(instance: DagsterInstance, loads: Sequence[DocumentLoad]) -> str | None:
    """Why these loads need no build (every document unchanged since a build that succeeded), or None."""
    if not loads or any(not load.success or load.outcome != Outcome.UNCHANGED.value for load in loads):
        return None
    built = last_successful_build(instance)
    if built is None or built.end_time is None:
        return None
    changed = last_change_timestamp(instance, after=built.end_time)
    if changed is not None and changed > built.end_time:
        return None
    return (
        f"nothing new: every document is unchanged since the last build (run {built.dagster_run.run_id}), "
        "so the marts, scorecards and serving copy stand as they are"
    )


def load_paths(
    defs: Definitions,
    instance: DagsterInstance,
    settings: WarehouseSettings,
    paths: Sequence[Path],
    trigger: str = "command line",
    run_build: bool = True,
    progress: bool = True,
    log_level: str = "CRITICAL",
    workers: int = 1,
    always_build: bool = False,
) -> LoadReport:
    """Load files and folders now: stage them into the landing folder, extract each (in `workers`
    processes), then build -- unless nothing is new and `always_build` is off."""
    staged, skipped = stage_into_landing(paths, settings.landing_path)
    files = [describe(path) for path in staged]
    report = LoadReport(skipped=skipped)
    report.documents = load_documents(defs, instance, files, trigger, progress, log_level, workers, settings)
    if run_build:
        report.build_skipped = None if always_build or skipped else nothing_new(instance, report.documents)
        if report.build_skipped is None:
            report.build = build(defs, instance, progress, log_level)
    return report

