"""Warehouse-scale benchmark: `dbt build` on synthetic warehouses, and three analyst queries.

    python benchmarks/warehouse_scale.py --scales 1 10 [--work-dir /tmp/csc_warehouse_scale]

For each scale: a copy of the dbt project (dbt_project/, models/, seeds/; the seeds gain the
synthetic councils, see benchmarks/synthetic_warehouse.py) and a synthetic warehouse are made
under the work directory; `dbt build` runs on them under /usr/bin/time -v (wall time, CPU
time and peak resident memory of dbt and anything it starts); then the three example queries
in docs/queries/ run against the marts (each three times: the first run and the median).
Then the next month's reports arrive (one more edition of every council, appended to the raw
tables) and `dbt build` runs again: the cost of a routine monthly load, where the
incremental models rebuild the new documents only (--no-next-month skips it).
Prints one table for all scales, the slowest dbt nodes of each build (from run_results.json),
and writes the figures as JSON beside the warehouses. The spot checks (dbt_project/tests/
spot_check_*.sql: values printed in the sample reports) are left out of the build: the
synthetic reports print other values. Every other model and test runs.

Nothing is written to the repository: dbt's target and log folders, the project copy and the
warehouses are all under the work directory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.synthetic_warehouse import MONTHS, councils, generate, write_seed_rows  # noqa: E402
from orchestration.raw_tables import ensure_tables  # noqa: E402

QUERIES = ["council_time_series", "cross_council_comparison", "org_unit_breakdown"]
QUERY_DIR = REPO_ROOT / "docs" / "queries"


def machine() -> dict:
    mem_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name")), platform.processor()),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "load_average_at_start": os.getloadavg(),
    }


def copy_project(destination: Path, source: Path = REPO_ROOT, settings: dict[str, str] | None = None) -> Path:
    """dbt_project/, models/ and seeds/ side by side, as the project's relative paths expect.

    `source` is the checkout to copy (another one measures another version of the models);
    `settings` are DuckDB settings added to the copied profile (e.g. threads=4).
    """
    if destination.exists():
        shutil.rmtree(destination)
    ignore = shutil.ignore_patterns("target", "logs", "dbt_packages", "__pycache__")
    for folder in ("dbt_project", "models", "seeds"):
        shutil.copytree(source / folder, destination / folder, ignore=ignore)
    if settings:
        profile = destination / "dbt_project" / "profiles.yml"
        lines = "".join(f"        {key}: {json.dumps(value)}\n" for key, value in settings.items())
        profile.write_text(profile.read_text().rstrip("\n") + "\n      settings:\n" + lines)
    return destination / "dbt_project"


def spot_checks() -> list[str]:
    """The spot checks: values printed in the sample reports, which synthetic reports do not print."""
    return sorted(path.stem for path in (REPO_ROOT / "dbt_project" / "tests").glob("spot_check_*.sql"))


def run_dbt_build(project_dir: Path, warehouse: Path, work_dir: Path, extra: list[str], label: str = "dbt_build") -> dict:
    dbt = Path(sys.executable).with_name("dbt")
    env = {
        **os.environ,
        "CSC_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    command = [
        "/usr/bin/time", "-v", str(dbt), "build",
        "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
        "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs"),
        "--exclude", *spot_checks(),
        *extra,
    ]
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    (work_dir / f"{label}.stdout").write_text(completed.stdout)
    (work_dir / f"{label}.stderr").write_text(completed.stderr)

    def timed(label: str) -> float:
        match = re.search(rf"{re.escape(label)}: ([0-9.:]+)", completed.stderr)
        return float(match.group(1)) if match else float("nan")

    summary = re.search(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+)", completed.stdout)
    results = []
    run_results = work_dir / "target" / "run_results.json"
    if run_results.exists():
        results = json.loads(run_results.read_text())["results"]
        shutil.copyfile(run_results, work_dir / f"{label}.run_results.json")
    return {
        "returncode": completed.returncode,
        "wall_s": round(wall, 1),
        "cpu_s": round(timed("User time (seconds)") + timed("System time (seconds)"), 1),
        "peak_rss_mib": round(timed("Maximum resident set size (kbytes)") / 1024),
        "summary": summary.group(1) if summary else completed.stdout[-2000:],
        "slowest": sorted(
            ({"node": r["unique_id"].split(".", 2)[-1], "status": r["status"], "s": round(r["execution_time"], 1)}
             for r in results),
            key=lambda r: -r["s"],
        )[:12],
    }


def time_queries(warehouse: Path, repeats: int = 3) -> dict:
    timings = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name in QUERIES:
            sql = (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
            runs, rows = [], 0
            for _ in range(repeats):
                started = time.perf_counter()
                rows = len(con.execute(sql).fetchall())
                runs.append((time.perf_counter() - started) * 1000)
            timings[name] = {"first_ms": round(runs[0], 1), "median_ms": round(statistics.median(runs), 1), "rows": rows}
    return timings


def count(warehouse: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        def one(sql: str) -> int:
            return con.execute(sql).fetchone()[0]
        return {
            "documents": one("select count(*) from raw.source_documents"),
            "cells": one("select count(*) from raw.report_cells"),
            "facts": one("select count(*) from marts.fct_indicator_value"),
            "latest_facts": one("select count(*) from marts.fct_indicator_value where is_latest"),
            "scorecard_rows": one("select count(*) from marts.fct_scorecard"),
            "warehouse_mib": round(warehouse.stat().st_size / 1024 / 1024),
        }


def bench(scale: int, work_root: Path, dbt_args: list[str], reuse: bool, next_month: bool,
          source: Path = REPO_ROOT, settings: dict[str, str] | None = None) -> dict:
    work_dir = work_root / f"scale_{scale}"
    work_dir.mkdir(parents=True, exist_ok=True)
    warehouse = work_dir / "warehouse.duckdb"
    project_dir = copy_project(work_dir / "project", source, settings)
    started = time.perf_counter()
    raw_copy = work_dir / "raw_only.duckdb"
    # a write-ahead log or spill folder left by an interrupted run would be replayed onto the copy
    Path(f"{warehouse}.wal").unlink(missing_ok=True)
    shutil.rmtree(f"{warehouse}.tmp", ignore_errors=True)
    if reuse and raw_copy.exists():
        # the same raw tables as last time, and the councils' seed rows again
        shutil.copyfile(raw_copy, warehouse)
        with duckdb.connect(str(warehouse)) as con:
            ensure_tables(con)  # raw tables the loader has gained since
        generated = {"reused": str(raw_copy)}
        write_seed_rows(work_dir / "project" / "seeds", councils(scale))
    else:
        warehouse.unlink(missing_ok=True)
        generated = generate(warehouse, scale, work_dir / "project" / "seeds")
        shutil.copyfile(warehouse, raw_copy)
    generate_s = round(time.perf_counter() - started, 1)
    print(f"scale {scale}: raw tables ready in {generate_s} s ({generated}); dbt build ...", flush=True)
    build = run_dbt_build(project_dir, warehouse, work_dir, dbt_args)
    print(f"scale {scale}: dbt build {build['wall_s']} s, {build['summary']}", flush=True)
    result = {"scale": scale, "generate_s": generate_s, "generated": generated, "build": build}
    if build["returncode"] == 0 or (work_dir / "target" / "run_results.json").exists():
        try:
            result["counts"] = count(warehouse)
            result["queries"] = time_queries(warehouse)
        except duckdb.Error as exc:
            result["error"] = str(exc)
    if next_month and build["returncode"] == 0:
        # the next month's reports arrive: one more edition of every council, then dbt build
        # again (the incremental models rebuild the new documents only)
        added = generate(warehouse, scale, None, first_month=MONTHS, months=1, append=True)
        print(f"scale {scale}: next month added ({added['documents']} documents, {added['cells']} cells); dbt build ...",
              flush=True)
        result["next_month"] = {"added": added, "build": run_dbt_build(project_dir, warehouse, work_dir, dbt_args,
                                                                      label="dbt_build_next_month")}
        print(f"scale {scale}: dbt build after the next month {result['next_month']['build']['wall_s']} s", flush=True)
    (work_dir / "figures.json").write_text(json.dumps(result, indent=2, default=str))
    return result


def print_table(results: list[dict], info: dict) -> None:
    print()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram_gib']} GiB RAM; "
          f"python {info['python']}, duckdb {info['duckdb']}; load average at start {info['load_average_at_start']}")
    header = ["scale", "documents", "cells", "facts", "dbt build wall s", "dbt CPU s", "peak MiB",
              *[f"{q} ms" for q in QUERIES], "dbt result",
              "next month: documents", "next month: build wall s", "next month: CPU s", "next month: peak MiB"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in results:
        c = r.get("counts", {})
        q = r.get("queries", {})
        cells = [
            f"{r['scale']}x", f"{c.get('documents', '-'):,}" if c else "-", f"{c.get('cells', 0):,}" if c else "-",
            f"{c.get('facts', 0):,}" if c else "-",
            f"{r['build']['wall_s']}", f"{r['build']['cpu_s']}", f"{r['build']['peak_rss_mib']:,}",
            *[f"{q[name]['median_ms']} (first {q[name]['first_ms']})" if name in q else "-" for name in QUERIES],
            r["build"]["summary"],
        ]
        n = r.get("next_month")
        cells += ([f"{n['added']['documents']:,}", n["build"]["wall_s"], n["build"]["cpu_s"], f"{n['build']['peak_rss_mib']:,}"]
                  if n else ["-"] * 4)
        print("| " + " | ".join(str(x) for x in cells) + " |")
    for r in results:
        for title, build in (("", r["build"]), (" after the next month", (r.get("next_month") or {}).get("build"))):
            if not build:
                continue
            print(f"\nslowest dbt nodes at {r['scale']}x{title}:")
            for node in build["slowest"]:
                print(f"  {node['s']:>8.1f} s  {node['status']:<8} {node['node']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1], help="scales to run, e.g. 1 10")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/csc_warehouse_scale"))
    parser.add_argument("--reuse-raw", action="store_true",
                        help="reuse the raw tables generated by an earlier run of the same scale")
    parser.add_argument("--dbt-arg", action="append", default=[], help="extra argument for dbt build (repeatable)")
    parser.add_argument("--no-next-month", action="store_true",
                        help="skip the second build after adding the next month's documents")
    parser.add_argument("--project-source", type=Path, default=REPO_ROOT,
                        help="checkout whose dbt_project/, models/ and seeds/ to measure (default: this one), "
                             "e.g. `git worktree add /tmp/before <commit>`")
    parser.add_argument("--duckdb-setting", action="append", default=[], metavar="KEY=VALUE",
                        help="DuckDB setting for the copied profile (repeatable)")
    args = parser.parse_args(argv)
    settings = dict(item.split("=", 1) for item in args.duckdb_setting)
    info = machine()
    info["project_source"] = str(args.project_source)
    info["duckdb_settings"] = settings
    results = [
        bench(scale, args.work_dir, args.dbt_arg, args.reuse_raw, not args.no_next_month, args.project_source, settings)
        for scale in args.scales
    ]
    print_table(results, info)
    (args.work_dir / "figures.json").write_text(json.dumps({"machine": info, "results": results}, indent=2, default=str))
    return 0 if all(r["build"]["returncode"] == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
