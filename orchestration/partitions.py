"""One Dagster partition per source document, keyed by its file name.

The landing sensor adds a partition when a PDF first appears; retiring a document
deletes its partition. The file's SHA-256 is recorded with each load: in the run's
tag `csc/sha256` when the sensor or the command line asks for it, and in the
materialisation metadata of the raw assets.
"""

from dagster import DynamicPartitionsDefinition

DOCUMENTS = DynamicPartitionsDefinition(name="source_documents")

SHA256_TAG = "csc/sha256"
TRIGGER_TAG = "csc/trigger"

# What Dagster refuses in a partition key (dagster._core.definitions.partitions.utils).
_NOT_IN_KEYS = ("...", "\a", "\b", "\f", "\n", "\r", "\t", "\v", "\0")


def key_problem(file_name: str) -> str | None:
    """Why a file name cannot be a partition key, or None when it can."""
    bad = [s for s in _NOT_IN_KEYS if s in file_name]
    if bad:
        return f"its name contains {', '.join(repr(s) for s in bad)}, which a Dagster partition key cannot"
    return None
