"""`make docs`: dbt's documentation site, built offline into CSC_OUTPUT_DIR/docs/index.html.

`dbt docs generate --static` writes one self-contained page (dbt's own viewer, which
ships inside dbt-core, with the manifest and catalog embedded): every model, column
description, test and the lineage graph, opened straight from disk, no server and
nothing downloaded. The catalog (column types, row counts) is read from the warehouse;
before the first load there is none, and the site is built without it. dbt writes
into its own target folder (target/docs), so the manifest Dagster reads is untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from orchestration.settings import WarehouseSettings
from orchestration.warehouse_lock import connect

DBT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
DOCS_TARGET = DBT_DIR / "target" / "docs"


def build_docs(settings: WarehouseSettings) -> tuple[Path, bool]:
    """Generate the site and copy it to <output>/docs/index.html; (the page, whether it has a catalog)."""
    has_catalog = settings.warehouse_path.is_file()
    if has_catalog:
        connect(settings.warehouse_path, read_only=True).close()  # wait for a load writing it to finish
    env = {**os.environ, **settings.as_env(), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    dbt = Path(sys.executable).with_name("dbt")
    command = [
        str(dbt if dbt.exists() else "dbt"), "docs", "generate", "--static", "--quiet",
        "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target-path", str(DOCS_TARGET),
        *([] if has_catalog else ["--empty-catalog"]),
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed:\n{done.stdout}{done.stderr}")
    site = settings.output_path / "docs"
    site.mkdir(parents=True, exist_ok=True)
    page = site / "index.html"
    shutil.copyfile(DOCS_TARGET / "static_index.html", page)
    return page, has_catalog


def main() -> int:
    settings = WarehouseSettings.from_env()
    try:
        page, has_catalog = build_docs(settings)
    except RuntimeError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"dbt docs: {page}  (open it in a browser; it needs no server)")
    if not has_catalog:
        print(f"No warehouse at {settings.warehouse_path} yet: built without column types and row counts "
              "(run make demo, then make docs again).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
