"""The review CSV between a suggestion and the crosswalk: one row per printed label with the
proposal, its score (the model's confidence, percent) and evidence, the runner-up, and an empty `accept` column the reviewer
fills; then the accepted rows, checked, appended to seeds/indicator_crosswalk.csv.

`accept` takes: yes (y, x, 1) for the proposal, an indicator code for another choice (the
second choice, say, or the best guess of a label it abstained on), `exclude` to exclude the
label on purpose, or nothing to leave the label unmapped for now."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.csv_text import as_printed, neutralised_row
from mapping.catalogue import CROSSWALK_COLUMNS, CROSSWALK_SEED, CrosswalkRow, Indicator, read_crosswalk
from mapping.suggest import Suggestion, title_names_label
from mapping.vocabulary import normalise_label

REVIEW_COLUMNS = [
    "family", "table_title", "source_group", "source_code", "source_label", "crosswalk_table_title",
    "example_document", "example_page", "units", "column_labels",
    "proposal", "proposal_name", "score", "lead", "evidence", "period_basis",
    "second_choice", "second_score", "best_guess", "status", "accept",
]
ACCEPT_WORDS = {"yes", "y", "x", "1", "true"}
EXCLUDE_WORD = "exclude"


def review_row(suggestion: Suggestion, indicators: dict[str, Indicator]) -> dict[str, str]:
    label, best, second = suggestion.label, suggestion.best, suggestion.second
    if suggestion.abstained:
        why = "no candidate" if best is None else (
            f"abstained: best score {best.score} below {suggestion.threshold:g}" if best.score < suggestion.threshold
            else f"abstained: runner-up within {suggestion.margin:g} (lead {suggestion.gap:.1f})"
        )
    else:
        why = "proposed"
    columns = label.column_labels
    return {
        "family": label.family or "",
        "table_title": label.table_title,
        "source_group": label.source_group,
        "source_code": label.source_code,
        "source_label": label.source_label,
        # the crosswalk row keys on the title only where the title names the indicator: titles
        # that carry a date ("Data As At: 01/09/2020") would not match the next edition
        "crosswalk_table_title": label.table_title if title_names_label(label) else "",
        "example_document": label.example_document,
        "example_page": str(label.example_page),
        "units": "; ".join(label.units),
        "column_labels": "; ".join(columns[:6]) + (f"; ... ({len(columns)} columns)" if len(columns) > 6 else ""),
        "proposal": suggestion.indicator_code or "",
        "proposal_name": indicators[suggestion.indicator_code].indicator_name if suggestion.indicator_code else "",
        "score": f"{best.score:.1f}" if best else "",
        "lead": f"{suggestion.gap:.1f}" if best else "",
        "evidence": "; ".join(best.evidence) if best else "",
        "period_basis": suggestion.period_basis or "",
        "second_choice": second.indicator_code if second else "",
        "second_score": f"{second.score:.1f}" if second else "",
        "best_guess": best.indicator_code if best and suggestion.abstained else "",
        "status": why,
        "accept": "",
    }


def write_review(suggestions: Iterable[Suggestion], indicators: list[Indicator], path: Path) -> int:
    """Write the review CSV; returns the number of labels in it."""
    by_code = {i.indicator_code: i for i in indicators}
    rows = [review_row(s, by_code) for s in suggestions]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REVIEW_COLUMNS)
        writer.writeheader()
        writer.writerows(neutralised_row(row) for row in rows)
    return len(rows)


class ReviewError(ValueError):
    """A review CSV that cannot be applied; nothing has been written."""


@dataclass(frozen=True)
class Applied:
    added: list[CrosswalkRow]
    already_there: list[CrosswalkRow]
    left_open: int  # rows with an empty accept


def accepted_rows(path: Path, indicators: list[Indicator]) -> tuple[list[CrosswalkRow], int]:
    """The crosswalk rows a filled-in review asks for, and how many labels it leaves open;
    raises ReviewError naming the file and line of the first row that cannot be applied."""
    known = {i.indicator_code for i in indicators}
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = set(REVIEW_COLUMNS) - set(reader.fieldnames or [])
            if missing:
                raise ReviewError(f"{path}: not a suggest-mappings review (columns {sorted(missing)} missing)")
            records = [
                (line, {key: as_printed(value or "") for key, value in record.items()})
                for line, record in enumerate(reader, start=2)
            ]
    except FileNotFoundError as error:
        raise ReviewError(f"{path}: no such file") from error
    rows, open_labels = [], 0
    for line, record in records:
        accept = (record["accept"] or "").strip()
        if not accept:
            open_labels += 1
            continue
        where = f"{path}, line {line} ({record['source_label'] or record['table_title']!r})"
        if accept.lower() in ACCEPT_WORDS:
            code = record["proposal"].strip()
            if not code:
                raise ReviewError(f"{where}: accept says yes but there is no proposal; write the indicator code instead")
            note = f"suggest-mappings, score {record['score']}: accepted on review"
        elif accept.lower() == EXCLUDE_WORD:
            code, note = "", "excluded on review of suggest-mappings"
        elif accept in known:
            code = accept
            note = "suggest-mappings: chosen on review" + (" (the proposal)" if accept == record["proposal"] else "")
        else:
            raise ReviewError(f"{where}: accept {accept!r} is neither yes, exclude nor a catalogue indicator code")
        if not record["family"].strip():
            raise ReviewError(
                f"{where}: the document is of no known family; add its extract/families.toml entry "
                "(suggest-mappings proposes one), load it again, then suggest its mappings again"
            )
        rows.append(
            CrosswalkRow(
                family=record["family"],
                source_table_title=record["crosswalk_table_title"],
                source_group=record["source_group"],
                source_code=record["source_code"],
                source_label=record["source_label"],
                match_on="label",
                indicator_code=code,
                period_basis=record["period_basis"].strip() if code else "",
                note=note,
            )
        )
    return rows, open_labels


def crosswalk_key(row: CrosswalkRow) -> tuple[str, ...]:
    """What the crosswalk join compares: two rows with the same key map the same labels."""
    return (
        row.family, normalise_label(row.source_table_title), normalise_label(row.source_group),
        row.source_code.strip().upper(), normalise_label(row.source_label), row.match_on,
    )


def apply_review(path: Path, indicators: list[Indicator], crosswalk_path: Path = CROSSWALK_SEED) -> Applied:
    """Append a review's accepted rows to the crosswalk seed (rows it already has are skipped)."""
    wanted, open_labels = accepted_rows(path, indicators)
    existing = {crosswalk_key(row) for row in read_crosswalk(crosswalk_path)}
    added, already = [], []
    for row in wanted:
        key = crosswalk_key(row)
        (already if key in existing else added).append(row)
        existing.add(key)
    if added:
        with open(crosswalk_path, "rb") as handle:
            handle.seek(-1, 2)
            ends_with_newline = handle.read(1) == b"\n"
        with open(crosswalk_path, "a", newline="", encoding="utf-8") as handle:
            if not ends_with_newline:
                handle.write("\n")
            writer = csv.DictWriter(handle, fieldnames=CROSSWALK_COLUMNS, lineterminator="\n")
            writer.writerows(row.as_row() for row in added)
    return Applied(added, already, open_labels)
