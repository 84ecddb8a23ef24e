"""The front page of the outputs: <output>/index.html, every scorecard with a thumbnail.

Scorecards are files in one folder per kind; this page lists every HTML file
there is (so nothing on disk is missing from it), with its PNG as a thumbnail,
the council, kind and period it shows (from the catalog each kind's renderer
writes, render.read_catalog) and when it was drawn (its PNG's modification time,
else its page's). Links are relative, so the folder can be copied or served as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
import re
from html import escape, unescape
from pathlib import Path
from urllib.parse import quote

from scorecards.render import BENCHMARK, COUNCIL, KINDS, ORG_UNIT, read_catalog

INDEX_NAME = "index.html"
KIND_HEADINGS = {
    COUNCIL: "Council scorecards",
    ORG_UNIT: "By district and team",
    BENCHMARK: "Benchmarks: every council by indicator",
}
THUMBNAIL_WIDTH = 240
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@dataclass(frozen=True)
class IndexEntry:
    """One scorecard as the index shows it."""

    kind: str
    name: str
    title: str
    council: str
    period: str
    html: Path  # relative to the output folder
    png: Path | None
    drawn_at: datetime  # UTC


def index_entries(output_dir: Path) -> list[IndexEntry]:
    """Every scorecard page under <output>/scorecards/, by kind (council, org unit, benchmark), then title."""
    root = output_dir / "scorecards"
    if not root.is_dir():
        return []
    others = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in KINDS)
    kinds = [k for k in KINDS if (root / k).is_dir()] + others
    entries: list[IndexEntry] = []
    for kind in kinds:
        folder = root / kind
        catalog = read_catalog(folder)
        for page in sorted(folder.glob("*.html")):
            known = catalog.get(page.stem, {})
            png = page.with_suffix(".png")
            drawn = png if png.is_file() else page
            entries.append(
                IndexEntry(
                    kind=kind,
                    name=page.stem,
                    title=known.get("title") or _page_title(page),
                    council=known.get("council", ""),
                    period=known.get("period", ""),
                    html=page.relative_to(output_dir),
                    png=png.relative_to(output_dir) if png.is_file() else None,
                    drawn_at=datetime.fromtimestamp(drawn.stat().st_mtime, timezone.utc).replace(tzinfo=None),
                )
            )
    order = {kind: n for n, kind in enumerate(kinds)}
    return sorted(entries, key=lambda e: (order[e.kind], e.council.lower(), e.title.lower()))


def _page_title(page: Path) -> str:
    """The page's own <title> (a page drawn before catalogs were kept), else its file name."""
    with page.open(encoding="utf-8", errors="replace") as handle:
        found = TITLE.search(handle.read(4096))
    return unescape(found.group(1)).strip() if found else page.stem


def _href(path: Path) -> str:
    return quote(path.as_posix())


def _row(entry: IndexEntry) -> str:
    thumbnail = (
        f'<a href="{_href(entry.html)}"><img src="{_href(entry.png)}" width="{THUMBNAIL_WIDTH}" loading="lazy" '
        f'alt="{escape(entry.title)}"></a>'
        if entry.png
        else '<span class="none">no picture</span>'
    )
    return (
        f"<tr><td>{thumbnail}</td>"
        f'<td><a href="{_href(entry.html)}">{escape(entry.title)}</a></td>'
        f"<td>{escape(entry.council)}</td><td>{escape(entry.kind.replace('_', ' '))}</td>"
        f"<td>{escape(entry.period)}</td><td>{entry.drawn_at:%Y-%m-%d %H:%M} UTC</td></tr>"
    )


def index_html(entries: list[IndexEntry], generated_at: datetime) -> str:
    """The page: one table per kind of scorecard."""
    sections = []
    for kind in dict.fromkeys(e.kind for e in entries):
        rows = "\n".join(_row(e) for e in entries if e.kind == kind)
        sections.append(
            f"<h2>{escape(KIND_HEADINGS.get(kind, kind))}</h2>\n<table>\n"
            "<tr><th>picture</th><th>scorecard</th><th>council</th><th>kind</th><th>period</th><th>drawn</th></tr>\n"
            f"{rows}\n</table>"
        )
    body = "\n".join(sections) or "<p>No scorecards yet: load some reports (make demo).</p>"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        "<title>Children's social care scorecards</title>\n"
        "<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border-bottom:1px solid #ddd;padding:6px 10px;text-align:left;vertical-align:top}"
        "img{border:1px solid #ccc}.none{color:#888}</style>\n</head>\n<body>\n"
        "<h1>Children's social care scorecards</h1>\n"
        f"<p>{len(entries)} scorecards, listed {generated_at:%Y-%m-%d %H:%M} UTC. Each opens as a page; "
        "the figures come from the warehouse's marts (marts.fct_scorecard).</p>\n"
        f"{body}\n</body>\n</html>\n"
    )


def write_index(output_dir: Path) -> tuple[Path, list[IndexEntry]]:
    """Write <output>/index.html (replacing it whole) and return it with what it lists."""
    entries = index_entries(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / INDEX_NAME
    pending = target.with_name(f".{INDEX_NAME}.writing")
    pending.write_text(index_html(entries, datetime.now(timezone.utc).replace(tzinfo=None)), encoding="utf-8")
    pending.replace(target)
    return target, entries
