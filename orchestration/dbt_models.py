"""The dbt project's models, seeds and tests as Dagster assets, built with `dbt build`.

dbt's source `raw` (tables report_cells, source_documents, load_errors) gets
dagster-dbt's default keys ["raw", "report_cells"], ... -- the keys of the raw
load (orchestration.raw), so the models run after it.

dbt tests become Dagster asset checks. A test of severity `error` (dbt's default)
that fails makes `dbt build` skip the models below it and fail the step, so the
scorecards and the serving copy, downstream of the marts, are not made from
wrong data; a `warn` test that fails is reported and blocks nothing.
"""

import importlib.metadata
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, Config
from dagster._utils import run_with_concurrent_update_guard
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from orchestration.raw_tables import ensure_tables
from orchestration.settings import REPO_ROOT, WarehouseSettings
from orchestration.warehouse_lock import writing

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


def venv_dbt_executable() -> str:
    """The dbt beside this Python, so a venv that is not on PATH still finds its own dbt."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else "dbt"


class OfflineDbtCliResource(DbtCliResource):
    """DbtCliResource that learns dbt's version from the installed package, and opens no adapter.

    The stock resource runs `dbt --version`, which asks PyPI for the latest
    release on every run; nothing here may go to the network at run time. It also
    loads the dbt project and an adapter in this process before every command (about
    1.4 s), which serve only its column-metadata and row-count fetches; the assets use
    neither. Both are private methods of the pinned dagster-dbt (tests/test_orchestration.py
    fails if either is renamed).
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        return None


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the duration, for the dbt subprocess and profile to read."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_cli = OfflineDbtCliResource(project_dir=dbt_project, dbt_executable=venv_dbt_executable())


def parse_project() -> None:
    """`dbt parse` with the warehouse path runs will use, so `dbt build` can reuse the parse."""
    with environment(WarehouseSettings.from_env().as_env()):
        dbt_cli.cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()


# Under `dagster dev`, re-parse on each load so model edits show up; the guard keeps the
# code server's processes from parsing at once. (DbtProject.prepare_if_dev does the same
# through the stock resource, which would ask PyPI for dbt's version.)
if os.getenv("DAGSTER_IS_DEV_CLI"):
    run_with_concurrent_update_guard(dbt_project.manifest_path, parse_project)
if not dbt_project.manifest_path.exists():
    raise FileNotFoundError(
        f"No dbt manifest at {dbt_project.manifest_path}: run `make setup`, which runs `dbt parse`."
    )


class DbtBuildConfig(Config):
    """Launchpad config of a build: `full_refresh: true` after a change to a dbt macro, which the
    incremental models cannot see (dbt_project/macros/incremental.sql)."""

    full_refresh: bool = False


class LayerTranslator(DagsterDbtTranslator):
    """Groups dbt assets by layer: the models/ sub-folder (staging, marts, ...), or seeds."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        configured = super().get_group_name(dbt_resource_props)
        if configured:
            return configured
        if dbt_resource_props.get("resource_type") == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=LayerTranslator(),
)
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, settings: WarehouseSettings, config: DbtBuildConfig):
    """`dbt build` against the warehouse the raw layer wrote (dbt's profile reads CSC_WAREHOUSE)."""
    # The raw tables exist even before the first document loads, and a writer still busy
    # (a load from the command line) is waited for rather than failing dbt on DuckDB's lock.
    with writing(settings.warehouse_path) as con:
        ensure_tables(con)
    with environment(settings.as_env()):
        # Incremental models rebuild only new, changed and retired documents (and every document
        # after a model or seed changed); --full-refresh, from the run's config, rebuilds all.
        invocation = dbt.cli(["build", *(["--full-refresh"] if config.full_refresh else [])], context=context)
        try:
            yield from invocation.stream()
        finally:
            stop(invocation.process)


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """End a dbt still running after its events stopped being read.

    When turning dbt's output into events fails, dagster-dbt leaves the dbt process
    running, and it keeps DuckDB's lock on the warehouse. SIGINT lets dbt cancel
    cleanly; it is killed if it will not stop.
    """
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
