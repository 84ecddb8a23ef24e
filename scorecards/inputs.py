"""What a scorecard is drawn from, as one hash its page carries, so an unchanged scorecard is not built again.

Building a great-tables table and its HTML costs tens of milliseconds a scorecard;
hashing the rows that go into it costs a fraction of one. An incremental load
leaves most scorecards' rows as they were, so each page records the hash of its
inputs (the rows, the sparkline series, the title) and of the code that draws
them (this package's sources and the great-tables version), and a scorecard whose
page carries the hash it would be drawn from now is left as it is.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from html import escape
from pathlib import Path

from great_tables import __version__ as great_tables_version

INPUTS_META = "csc-scorecard-inputs"
PACKAGE = Path(__file__).resolve().parent
HEAD_BYTES = 4096  # the meta sits at the top of the head, right after the charset
_INPUTS_IN_PAGE = re.compile(rf'<meta name="{INPUTS_META}" content="([0-9a-f]+)"')


@cache
def code_version() -> str:
    """A hash of the code that turns inputs into a page: this package's sources and great-tables."""
    digest = hashlib.sha256(f"great-tables {great_tables_version}".encode())
    for source in sorted(PACKAGE.glob("*.py")):
        digest.update(f"\0{source.name}\0".encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def inputs_fingerprint(kind: str, title: str, *inputs: object) -> str:
    """A hash of the code version, the kind, the title and everything the table is built from.

    `inputs` are records, lists of records and strings whose repr is their whole content
    (frozen dataclasses, floats, dates), in the order the table is built from them: the
    same rows in another order may print in another order, so they count as a change.
    """
    digest = hashlib.sha256()
    for part in (code_version(), kind, title, *map(repr, inputs)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def inputs_meta(fingerprint: str) -> str:
    """The head element a page carries its fingerprint in."""
    return f'<meta name="{INPUTS_META}" content="{escape(fingerprint)}"/>'


def inputs_of(page: str) -> str | None:
    """The fingerprint in a page's head; None if it has none (drawn before pages carried one)."""
    found = _INPUTS_IN_PAGE.search(page, 0, HEAD_BYTES)
    return found.group(1) if found else None


def page_inputs(page: Path) -> str | None:
    """The fingerprint a page on disk was drawn from, reading only its head; None without the page."""
    try:
        with page.open("rb") as handle:
            return inputs_of(handle.read(HEAD_BYTES).decode("utf-8", errors="ignore"))
    except FileNotFoundError:
        return None
