"""The landing sensor: a new or changed PDF in the landing folder gets loaded.

Every 30 seconds it lists the folder. A new file gets a partition (its file name)
and a run of extract_documents; a changed file (another SHA-256) gets a run; an
unchanged one nothing. A file that changed in the last SETTLE_SECONDS may still be
copying in and waits for the next tick. A removed file is reported once, as an
observation on its partition and in the sensor's log; its facts stay until the
document is retired. The build sensor runs dbt and the scorecards after the loads.

The cursor remembers each file's size, modification time and SHA-256 as last seen,
so unchanged files are not re-hashed, and the documents already reported removed.
On a fresh cursor the Dagster instance says which version each document last
loaded (orchestration.load_history), so turning the sensor on reloads nothing.
"""

import json
import time
from dataclasses import dataclass, field

from dagster import (
    AssetObservation,
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from orchestration.jobs import extract_documents
from orchestration.landing import LandedFile, LandingFolderMissing, describe, landing_pdfs
from orchestration.landing_asset import landing_observation
from orchestration.load_history import last_attempted_sha256
from orchestration.partitions import DOCUMENTS, SHA256_TAG, TRIGGER_TAG, key_problem
from orchestration.raw import SOURCE_DOCUMENTS
from orchestration.settings import WarehouseSettings

SETTLE_SECONDS = 10.0


@dataclass
class LandingCursor:
    """The sensor's memory between ticks."""

    files: dict[str, LandedFile] = field(default_factory=dict)
    reported_removed: set[str] = field(default_factory=set)

    def dumps(self) -> str:
        return json.dumps(
            {
                "files": {name: f.as_json() for name, f in sorted(self.files.items())},
                "reported_removed": sorted(self.reported_removed),
            }
        )

    @classmethod
    def loads(cls, text: str | None) -> "LandingCursor":
        if not text:
            return cls()
        value = json.loads(text)
        return cls(
            files={name: LandedFile.from_json(f) for name, f in value.get("files", {}).items()},
            reported_removed=set(value.get("reported_removed", [])),
        )


@dataclass
class LandingChanges:
    """What one look at the landing folder found."""

    new: list[LandedFile] = field(default_factory=list)
    changed: list[LandedFile] = field(default_factory=list)
    unchanged: list[LandedFile] = field(default_factory=list)
    settling: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unusable: dict[str, str] = field(default_factory=dict)  # file name -> why it cannot be loaded


def look_at_landing(
    context: SensorEvaluationContext,
    settings: WarehouseSettings,
    cursor: LandingCursor,
    settle_seconds: float,
) -> tuple[LandingChanges, LandingCursor]:
    """Compare the folder with the cursor (and, for files it has not seen, with the instance)."""
    now_ns = time.time_ns()
    changes = LandingChanges()
    seen: dict[str, LandedFile] = {}
    for path in landing_pdfs(settings.landing_path):
        problem = key_problem(path.name)
        if problem:
            changes.unusable[path.name] = problem
            continue
        try:
            if now_ns - path.stat().st_mtime_ns < settle_seconds * 1e9:
                changes.settling.append(path.name)
                if path.name in cursor.files:
                    seen[path.name] = cursor.files[path.name]  # the old version stands until it settles
                continue
            seen[path.name] = describe(path, cursor.files)
        except FileNotFoundError:
            continue  # removed while being listed
        except OSError as error:
            changes.unusable[path.name] = f"cannot be read ({error.strerror or error})"

    partitions = set(context.instance.get_dynamic_partitions(DOCUMENTS.name))
    unknown = [name for name in seen if name not in cursor.files and name in partitions]
    attempted = last_attempted_sha256(context.instance, unknown)
    for name, landed in seen.items():
        if name in changes.settling:
            continue
        before = cursor.files[name].sha256 if name in cursor.files else attempted.get(name)
        if name not in partitions:
            changes.new.append(landed)
        elif before != landed.sha256:
            changes.changed.append(landed)
        else:
            changes.unchanged.append(landed)

    gone = (partitions | set(cursor.files)) - set(seen) - set(changes.settling)
    changes.removed = sorted(gone - cursor.reported_removed)
    return changes, LandingCursor(files=seen, reported_removed=gone)


def landing_sensor_result(
    context: SensorEvaluationContext, settings: WarehouseSettings, settle_seconds: float = SETTLE_SECONDS
) -> SensorResult | SkipReason:
    """The sensor's body, with the settling time as a parameter for tests."""
    try:
        changes, cursor = look_at_landing(context, settings, LandingCursor.loads(context.cursor), settle_seconds)
    except LandingFolderMissing as missing:
        return SkipReason(str(missing))
    for name, problem in sorted(changes.unusable.items()):
        context.log.warning(f"{name} in the landing folder is skipped: {problem}")
    for name in changes.removed:
        context.log.warning(
            f"{name} was removed from the landing folder; its facts stay in the warehouse until it is retired "
            f"(python -m orchestration.cli retire {name})."
        )
    requests = [
        RunRequest(
            partition_key=landed.document,
            run_key=f"{landed.document}:{landed.sha256}:{landed.mtime_ns}",
            tags={SHA256_TAG: landed.sha256, TRIGGER_TAG: f"landing_sensor: {reason}"},
        )
        for reason, files in (("new file", changes.new), ("changed file", changes.changed))
        for landed in files
    ]
    for request in requests:
        context.log.info(f"Load {request.partition_key} ({request.tags[TRIGGER_TAG].split(': ')[1]})")
    observations = [
        AssetObservation(
            asset_key=SOURCE_DOCUMENTS.key,
            partition=name,
            metadata={
                "landing": "file removed from the landing folder",
                "facts": "kept in the warehouse until the document is retired",
                "retire_with": f"python -m orchestration.cli retire {name}",
            },
        )
        for name in changes.removed
        if context.instance.has_dynamic_partition(DOCUMENTS.name, name)
    ]
    if requests or changes.removed:  # the landing folder's source asset: what is there now
        observations.append(landing_observation(settings, sorted(cursor.files.values(), key=lambda f: f.document)))
    if not requests and not observations:
        waiting = f"; {len(changes.settling)} still being written" if changes.settling else ""
        return SensorResult(
            skip_reason=SkipReason(f"No new or changed PDFs ({len(changes.unchanged)} unchanged{waiting})"),
            cursor=cursor.dumps(),
        )
    return SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[DOCUMENTS.build_add_request([f.document for f in changes.new])]
        if changes.new
        else [],
        asset_events=observations,
        cursor=cursor.dumps(),
    )


@sensor(
    job=extract_documents,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.RUNNING,
    description="Loads each new or changed PDF in the landing folder (one run per document); reports removed files.",
)
def landing_sensor(context: SensorEvaluationContext, settings: WarehouseSettings) -> SensorResult | SkipReason:
    return landing_sensor_result(context, settings)

