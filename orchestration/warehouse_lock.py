"""Opening the warehouse for writing when another process may hold it.

DuckDB lets one process write a database file and, while it does, no other
process open it at all. Dagster queues its own runs one at a time, but a load
started from the command line can meet a run of `make dev`: the later writer
waits for the lock instead of failing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# Long enough for a dbt build of the whole warehouse to finish.
DEFAULT_WAIT_SECONDS = 600.0
_POLL_SECONDS = 0.5


def is_lock_conflict(error: BaseException) -> bool:
    """True for DuckDB's error when another process holds the file's lock."""
    return isinstance(error, duckdb.IOException) and "lock" in str(error).lower()


def connect(
    path: Path, read_only: bool = False, wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file, retried while another process holds its lock."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            if not is_lock_conflict(error) or time.monotonic() >= deadline:
                raise
            time.sleep(_POLL_SECONDS)


@contextmanager
def writing(path: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with writing(warehouse) as con:` -- the one writer, closed (and so unlocked) on leaving."""
    con = connect(path, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        con.close()
