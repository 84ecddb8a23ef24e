"""The printed indicator labels of loaded documents, read from the warehouse with what the
suggestions weigh: the table title, row group and code, the units of the values, the column
labels, and the printed polarity and unit of the row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

# The model that lists each distinct printed label with its crosswalk match, and the view of
# every located cell with the key of its label.
LABEL_MATCHES = "intermediate.int_indicator_label_matches"
MAPPED_CELLS = "intermediate.int_report_cells__mapped"


@dataclass(frozen=True)
class PrintedLabel:
    """One distinct indicator label of a family (family, table title, section, code, label)."""

    family: str | None
    table_title: str
    source_group: str
    source_code: str
    source_label: str
    match_status: str  # mapped, excluded, ambiguous or unmapped (int_indicator_label_matches)
    indicator_code: str | None  # what the crosswalk maps it to today
    documents: tuple[str, ...]
    example_document: str
    example_page: int
    value_cells: int
    units: tuple[str, ...]  # units the extractor read in its values (percent, count ...)
    column_labels: tuple[str, ...]
    printed_polarity: tuple[str, ...]  # the row's "good performance is" cells
    printed_unit: tuple[str, ...]  # the row's "unit" cells
    council: str | None = None
    typical_value: float | None = None  # the median of its value cells: a count near 1,000 is no rate near 40

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.family or "", self.table_title, self.source_group, self.source_code, self.source_label)


_LABELS_SQL = f"""
with cells as (

    select
        label_key, document, council, unit, column_header, cell_role, attribute_name, value_text, value
    from {MAPPED_CELLS}

),

labels as (

    select
        m.label_key,
        any_value(m.family) as family,
        any_value(m.table_title) as table_title,
        any_value(m.source_group) as source_group,
        any_value(m.source_code) as source_code,
        any_value(m.source_label) as source_label,
        any_value(m.match_status) as match_status,
        any_value(m.indicator_code) as indicator_code,
        any_value(m.example_document) as example_document,
        any_value(m.example_page) as example_page,
        any_value(m.value_cells) as value_cells,
        list_sort(list(distinct c.document)) as documents,
        list_sort(list(distinct c.unit) filter (where c.cell_role in ('value', 'numerator', 'denominator') and c.unit <> 'text')) as units,
        list_sort(list(distinct c.column_header) filter (where c.cell_role = 'value')) as column_labels,
        list_sort(list(distinct c.value_text) filter (where c.attribute_name = 'printed_polarity')) as printed_polarity,
        list_sort(list(distinct c.value_text) filter (where c.attribute_name = 'printed_unit')) as printed_unit,
        any_value(c.council) as council,
        median(abs(c.value)) filter (where c.cell_role = 'value') as typical_value
    from {LABEL_MATCHES} as m
    inner join cells as c on c.label_key = m.label_key
    group by m.label_key

)

select * exclude (label_key) from labels
where ($document is null or list_contains(documents, $document))
    and ($family is null or family = $family)
order by family, table_title, source_group, source_code, source_label
"""


class WarehouseNotReadable(RuntimeError):
    """The warehouse is missing, not built, or held by a load."""


def read_printed_labels(
    warehouse: Path | str, document: str | None = None, family: str | None = None
) -> list[PrintedLabel]:
    """The labels printed in a document, or in every document of a family (both None: all)."""
    path = Path(warehouse)
    if not path.exists():
        raise WarehouseNotReadable(f"{path}: no warehouse here; load the documents first (cli load)")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as error:
        raise WarehouseNotReadable(f"{path}: cannot open the warehouse ({error}); wait for the running load") from error
    try:
        rows = con.execute(_LABELS_SQL, {"document": document, "family": family}).fetchall()
        columns = [d[0] for d in con.description]
    except duckdb.CatalogException as error:
        raise WarehouseNotReadable(f"{path}: the marts are not built ({error}); run cli load") from error
    finally:
        con.close()
    labels = []
    for row in rows:
        record = dict(zip(columns, row))
        for name in ("documents", "units", "column_labels", "printed_polarity", "printed_unit"):
            record[name] = tuple(v for v in (record[name] or ()) if v)
        record["value_cells"] = int(record["value_cells"] or 0)
        record["example_page"] = int(record["example_page"] or 0)
        record["typical_value"] = float(record["typical_value"]) if record["typical_value"] is not None else None
        labels.append(PrintedLabel(**record))
    return labels


_MAGNITUDES_SQL = """
select indicator_code, council, median(abs(value)) as typical_value
from marts.fct_indicator_value
where value is not null and council is not null
group by indicator_code, council
"""


def read_indicator_magnitudes(warehouse: Path | str) -> dict[str, dict[str, float]]:
    """The typical (median) value of each indicator in each council's reports, as the
    warehouse holds them: what a label's values are compared with. Empty when the marts are
    not built (the suggestions then weigh no magnitude)."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            rows = con.execute(_MAGNITUDES_SQL).fetchall()
    except duckdb.Error:
        return {}
    magnitudes: dict[str, dict[str, float]] = {}
    for indicator_code, council, typical in rows:
        magnitudes.setdefault(indicator_code, {})[council] = float(typical)
    return magnitudes


@dataclass(frozen=True)
class Target:
    """What suggest-mappings works on: one loaded document, or every document of a family."""

    document: str | None
    family: str | None
    path: Path | None = None  # the document's file as loaded

    @property
    def slug(self) -> str:
        return Path(self.document).stem if self.document else (self.family or "unknown")

    def describe(self) -> str:
        if self.document:
            return f"{self.document} (family {self.family or 'unknown'})"
        return f"family {self.family}"


def resolve_target(warehouse: Path | str, name: str) -> Target:
    """A document's file name (or path), else a family name, as the warehouse knows them."""
    path = Path(warehouse)
    if not path.exists():
        raise WarehouseNotReadable(f"{path}: no warehouse here; load the documents first (cli load)")
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            document = con.execute(
                "select document, family, path from raw.source_documents where document = ?", [Path(name).name]
            ).fetchone()
            families = [r[0] for r in con.execute(
                "select distinct family from raw.source_documents where family is not null order by 1"
            ).fetchall()]
    except duckdb.Error as error:
        raise WarehouseNotReadable(f"{path}: cannot read raw.source_documents ({error})") from error
    if document:
        return Target(document[0], document[1], Path(document[2]) if document[2] else None)
    if name in families:
        return Target(None, name)
    raise LookupError(
        f"{name}: neither a document loaded in {path} nor a family of one (families: {', '.join(families) or 'none'})"
    )
