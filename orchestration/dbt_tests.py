"""Which dbt tests block the scorecards and the serving copy, and which only warn.

dbt runs every test in `dbt build`. A test of severity `error` (dbt's default)
that fails fails the build step, and the scorecards and the serving copy, which
come after it, are not made: they would show wrong figures. A test configured
with `severity: warn` is reported (in the run log and as a failed Dagster asset
check of severity WARN) and blocks nothing. This reads the split from the manifest,
so it is always the dbt project's own.
"""

import json
from pathlib import Path

from orchestration.dbt_models import dbt_project


def dbt_tests_by_severity(manifest: Path | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(blocking, warning): each a sorted list of (model or source the test is on, test name)."""
    nodes = json.loads((manifest or dbt_project.manifest_path).read_text(encoding="utf-8"))["nodes"]
    blocking, warning = [], []
    for node in nodes.values():
        if node["resource_type"] != "test":
            continue
        attached = node.get("attached_node") or ", ".join(node.get("depends_on", {}).get("nodes", [])) or "-"
        entry = (attached.split(".")[-1] if node.get("attached_node") else attached, node["name"])
        (warning if str(node["config"].get("severity", "error")).lower() == "warn" else blocking).append(entry)
    return sorted(blocking), sorted(warning)
