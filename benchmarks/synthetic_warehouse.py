"""A synthetic warehouse for the warehouse-scale benchmark: raw.report_cells and
raw.source_documents rows shaped like real extracted cells, for many councils and months.

    python benchmarks/synthetic_warehouse.py --scale 1 --warehouse /tmp/synthetic.duckdb \\
        [--seeds-dir /tmp/project/seeds]

Scale 1 is 150 councils x 60 monthly editions (April 2016 - March 2021: 9,000 documents);
scale N has 150 x N councils over the same 60 months. Half the councils publish a
Rotherham-style report (family rotherham_monthly), half a North East KPI-style one (ne_kpi):

- Rotherham style: one topic table per section of indicators (table title "CHILD PROTECTION",
  ...), rows = the edition's month and the two months before (row group IN MONTH
  PERFORMANCE), the financial year to date (YTD), the last financial year (ANNUAL TREND) and
  two benchmarks (LATEST BENCHMARKING: SN AVE, NAT AVE); column labels = indicator headers
  "5.5 > % of initial CP confs in 15 days (in month)". Plus a table of 20 indicators by
  locality: rows = indicators, columns = the council's three districts and the council.
- NE KPI style: rows = indicators with their codes ("CSC 038"); columns = Lead Officer,
  Collected, What is best, Measure of unit, three benchmarks, the last financial year, the
  edition's month and up to two months before it in the same financial year ("May", "June"),
  the month's numerator and denominator, the trend arrow, the year-end target and the
  RAG colour as a fill.

Every label comes from the crosswalk seed, so the cells map to real indicators. A value is a
function of council, indicator and period; one value in 25 is restated by a later edition.

Councils: the seeds list four real councils; the synthetic ones are written into a copy of
the seeds (`--seeds-dir`: org_units.csv and org_unit_aliases.csv gain each council, its
statistical-neighbour group and, for Rotherham-style councils, three districts). Council 0
is Rotherham and council 1 Lancashire (with its real district teams), so the example queries
in docs/queries/ find their councils. A council in no seed is not an error for the models:
its cells stay in staging and intermediate and are listed in int_unmapped_labels as an
unresolved org unit, but it gets no facts - hence the seed rows.

Everything is generated in DuckDB SQL (range joins), not Python loops.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from orchestration.raw_tables import (  # noqa: E402  (the raw layer's own table definitions)
    CELL_COLUMN_TYPES,
    CELLS_TABLE,
    DOCUMENT_COLUMN_TYPES,
    DOCUMENTS_TABLE,
    ensure_tables,
)

COUNCILS_PER_SCALE = 150
MONTHS = 60
FIRST_MONTH = "2016-04-01"
LOADED_AT = datetime(2026, 1, 1, 12, 0, 0)
LOCALITY_INDICATORS = 20
REGIONS = ["north_east", "north_west", "yorkshire_and_the_humber", "south_east"]
LANCASHIRE_DISTRICTS = ["Burnley", "Pendle", "Rossendale", "HRV"]
SYNTHETIC_DISTRICTS = ["North", "Central", "South"]

SECTION_TITLES = {
    1: "CONTACTS AND REFERRALS",
    2: "ASSESSMENTS",
    3: "SECTION 47 INVESTIGATIONS",
    4: "CHILDREN IN NEED (CIN)",
    5: "CHILD PROTECTION",
    6: "LOOKED AFTER CHILDREN",
    7: "CARE LEAVERS",
    8: "LOOKED AFTER CHILDREN - PLACEMENTS",
    9: "FOSTERING",
    10: "ADOPTIONS",
    11: "CASELOADS",
}


def councils(scale: int) -> list[dict]:
    """The councils of a scale: code, name, report style, region and districts."""
    rows = []
    for index in range(COUNCILS_PER_SCALE * scale):
        style = "rotherham" if index % 2 == 0 else "ne"
        if index == 0:
            rows.append({"index": 0, "code": "rotherham", "name": "Rotherham", "style": "rotherham",
                         "region": "yorkshire_and_the_humber", "districts": [], "synthetic": False})
        elif index == 1:
            rows.append({"index": 1, "code": "lancashire", "name": "Lancashire", "style": "rotherham",
                         "region": "north_west", "districts": LANCASHIRE_DISTRICTS, "synthetic": False})
        else:
            rows.append({
                "index": index,
                "code": f"synthetic_{index:05d}",
                "name": f"Synthetic Council {index:05d}",
                "style": style,
                "region": REGIONS[index % len(REGIONS)],
                "districts": SYNTHETIC_DISTRICTS if style == "rotherham" else [],
                "synthetic": True,
            })
    return rows


def write_seed_rows(seeds_dir: Path, council_rows: list[dict]) -> int:
    """Append the synthetic councils, their SN groups and districts to a copy of the seeds."""
    added = 0
    with (seeds_dir / "org_units.csv").open("a", newline="", encoding="utf-8") as units, \
            (seeds_dir / "org_unit_aliases.csv").open("a", newline="", encoding="utf-8") as aliases:
        unit_writer = csv.writer(units, lineterminator="\n")
        alias_writer = csv.writer(aliases, lineterminator="\n")
        for c in council_rows:
            if not c["synthetic"]:
                continue
            sort = 10_000 + 10 * c["index"]
            unit_writer.writerow([c["code"], c["name"], "council", c["region"], c["code"], "false", "", "", sort])
            unit_writer.writerow([f"{c['code']}_sn", f"{c['name']} statistical neighbours",
                                  "statistical_neighbour_group", "", c["code"], "true", "", "", sort + 1])
            alias_writer.writerow([c["code"], c["name"], c["code"], "synthetic: the council's own column"])
            added += 2
            for position, district in enumerate(c["districts"], start=2):
                code = f"{c['code']}_{district.lower()}"
                unit_writer.writerow([code, district, "district_team", c["code"], c["code"], "false", "", "", sort + position])
                alias_writer.writerow([c["code"], district, code, "synthetic district"])
                added += 1
    return added


def _load_reference(con: duckdb.DuckDBPyConnection, council_rows: list[dict]) -> None:
    """The crosswalk and indicator seeds, the indicator choices and the councils, as temp tables."""
    seeds = REPO_ROOT / "seeds"
    con.execute(f"""
        create or replace temp table crosswalk as
        select * from read_csv('{seeds / "indicator_crosswalk.csv"}', header = true, all_varchar = true)
    """)
    con.execute(f"""
        create or replace temp table indicators as
        select * from read_csv('{seeds / "indicators.csv"}', header = true, all_varchar = true)
    """)
    # Rotherham topic-table headers: one crosswalk label per indicator, numbered "5.5", whose
    # normalised label maps to that indicator only
    con.execute(r"""
        create or replace temp table rotherham_indicators as
        with labels as (
            select
                x.source_code, x.source_label, x.indicator_code, i.unit, i.polarity,
                trim(regexp_replace(lower(replace(x.source_label, '&', ' and ')), '[^a-z0-9%]+', ' ', 'g')) as label_key
            from crosswalk as x
            inner join indicators as i on x.indicator_code = i.indicator_code
            where x.family = 'rotherham_monthly' and x.match_on = 'label'
                and coalesce(x.source_table_title, '') = '' and coalesce(x.source_group, '') = ''
                and regexp_matches(coalesce(x.source_code, ''), '^[0-9]+[.][0-9]+$')
        ),
        unambiguous as (
            select * from labels
            qualify count(distinct indicator_code) over (partition by label_key) = 1
                and count(*) over (partition by label_key) = 1
        ),
        one_per_indicator as (
            select * from unambiguous
            qualify row_number() over (partition by indicator_code order by source_code, source_label) = 1
        )
        select
            *,
            cast(split_part(source_code, '.', 1) as integer) as section,
            row_number() over (order by cast(split_part(source_code, '.', 1) as integer),
                               cast(split_part(source_code, '.', 2) as integer), source_label) as indicator_number
        from one_per_indicator
    """)
    sections = ", ".join(f"({number}, '{title}')" for number, title in SECTION_TITLES.items())
    con.execute(f"create or replace temp table section_titles (section integer, title varchar); "
                f"insert into section_titles values {sections}")
    con.execute("""
        create or replace temp table ne_indicators as
        select
            x.source_code, x.source_label, x.indicator_code, i.unit, i.polarity,
            row_number() over (order by x.source_code) as indicator_number
        from crosswalk as x
        inner join indicators as i on x.indicator_code = i.indicator_code
        where x.family = 'ne_kpi' and x.match_on = 'code'
    """)
    con.execute("""
        create or replace temp table councils (
            council_index integer, council_code varchar, council_name varchar, style varchar)
    """)
    con.executemany("insert into councils values (?, ?, ?, ?)",
                    [(c["index"], c["code"], c["name"], c["style"]) for c in council_rows])
    con.execute("create or replace temp table districts (council_index integer, district varchar, position integer)")
    district_rows = [(c["index"], d, p) for c in council_rows for p, d in enumerate(c["districts"], start=1)]
    if district_rows:
        con.executemany("insert into districts values (?, ?, ?)", district_rows)
    # the council's own column of the locality table
    con.execute("insert into districts select council_index, council_name, 99 from councils "
                "where council_index in (select council_index from districts)")


def _create_documents(con: duckdb.DuckDBPyConnection, first_month: int, months: int) -> None:
    con.execute(f"""
        create or replace temp table documents as
        select
            c.council_index, c.council_code, c.council_name, c.style,
            m.month_number,
            cast(date '{FIRST_MONTH}' + to_months(m.month_number) as date) as edition_month,
            last_day(cast(date '{FIRST_MONTH}' + to_months(m.month_number) as date)) as edition_date,
            'synthetic__' || c.council_code || '__' || strftime(cast(date '{FIRST_MONTH}' + to_months(m.month_number) as date), '%Y-%m')
                || '.pdf' as document,
            case c.style when 'rotherham' then 'rotherham_monthly' else 'ne_kpi' end as family
        from councils as c
        cross join range({first_month}, {first_month + months}) as m(month_number)
    """)
    con.execute("""
        create or replace temp table documents as
        select
            *,
            sha256(document) as document_sha256,
            -- financial year the edition is in (April - March)
            case when month(edition_month) >= 4 then year(edition_month) else year(edition_month) - 1 end as fy_start_year
        from documents
    """)


# value of a council's indicator for a period, as one edition prints it: a function of
# council, indicator and period, restated (+1) by one later edition in 25
_VALUE = """
    (case {unit}
        when 'percent' then (hash({council}, {indicator}, {period}) % 1000) / 10.0
        when 'rate_per_10k' then (hash({council}, {indicator}, {period}) % 2000) / 10.0
        when 'days' then (hash({council}, {indicator}, {period}) % 400)
        else (hash({council}, {indicator}, {period}) % 900) + 10
    end
    + case when {restated} and hash({council}, {indicator}, {period}, {edition}) % 25 = 0 then 1 else 0 end)
"""


def _value(unit: str, council: str, indicator: str, period: str, edition: str, restated: str = "true") -> str:
    return _VALUE.format(unit=unit, council=council, indicator=indicator, period=period, edition=edition, restated=restated)


def _text(unit: str, value: str) -> str:
    return f"""case {unit}
        when 'percent' then printf('%.1f%%', {value})
        when 'rate_per_10k' then printf('%.1f', {value})
        else cast(cast({value} as bigint) as varchar)
    end"""


def _insert_rotherham_cells(con: duckdb.DuckDBPyConnection) -> None:
    """Topic tables (rows = months, YTD, last year and benchmarks) and the locality table."""
    value = _value("i.unit", "r.council_code", "i.indicator_code", "r.period_label", "r.edition_month",
                   restated="r.kind = 'month'")
    con.execute(f"""
        create or replace temp table topic_rows as
        select * from (values
            ('month', 0, 'IN MONTH PERFORMANCE', 2),
            ('month', 1, 'IN MONTH PERFORMANCE', 1),
            ('month', 2, 'IN MONTH PERFORMANCE', 0),
            ('ytd', 3, 'YTD', 0),
            ('annual', 4, 'ANNUAL TREND', 1),
            ('benchmark', 5, 'LATEST BENCHMARKING', 0),
            ('benchmark', 6, 'LATEST BENCHMARKING', 1)
        ) as t(kind, row_number, row_group, months_back)
    """)
    con.execute(f"""
        insert into {CELLS_TABLE} by name
        with rows as (
            select
                d.*,
                t.kind, t.row_number, t.row_group,
                case t.kind
                    when 'month' then strftime(d.edition_month - to_months(t.months_back), '%b-%y')
                    when 'ytd' then printf('%d/%02d', d.fy_start_year, (d.fy_start_year + 1) % 100)
                    when 'annual' then printf('%d/%02d', d.fy_start_year - 1, d.fy_start_year % 100)
                    when 'benchmark' then case t.months_back when 0 then 'SN AVE' else 'NAT AVE' end
                end as period_label
            from documents as d
            cross join topic_rows as t
            where d.style = 'rotherham'
                -- only months of the report's span are printed
                and not (t.kind = 'month' and d.month_number < t.months_back)
        ),
        cells as (
            select
                r.document, r.document_sha256, r.kind, r.row_number, r.row_group, r.period_label,
                i.section, i.indicator_number, i.source_code, i.source_label, i.unit,
                case when r.kind = 'benchmark'
                    then {_value("i.unit", "'benchmark'", "i.indicator_code", "r.period_label", "r.fy_start_year", restated="false")}
                    else {value}
                end as value
            from rows as r
            cross join rotherham_indicators as i
        )
        select
            c.document,
            c.document_sha256,
            c.section + 3 as page,
            printf('t%02d', c.section) as table_id,
            s.title as table_title,
            cast(null as varchar) as row_code,
            c.period_label as row_label,
            c.row_group,
            c.source_code || ' > ' || c.source_label as column_label,
            1 as column_span,
            {_text("c.unit", "c.value")} as value_text,
            c.value,
            cast(null as double) as numerator,
            cast(null as double) as denominator,
            cast(null as double) as bracket_count,
            cast(null as varchar) as vintage,
            c.unit,
            cast(null as varchar) as fill,
            40.0 + 60 * c.indicator_number as x0,
            100.0 + 14 * c.row_number as top,
            90.0 + 60 * c.indicator_number as x1,
            110.0 + 14 * c.row_number as bottom,
            timestamp '{LOADED_AT}' as loaded_at
        from cells as c
        left join section_titles as s on c.section = s.section
    """)
    locality_value = _value("i.unit", "d.council_code || '/' || o.district", "i.indicator_code", "d.edition_month", "d.edition_month")
    con.execute(f"""
        insert into {CELLS_TABLE} by name
        with cells as (
            select
                d.document, d.document_sha256, o.district, o.position, i.indicator_number,
                i.source_code, i.source_label, i.unit,
                {locality_value} as value
            from documents as d
            inner join districts as o on d.council_index = o.council_index
            cross join (select * from rotherham_indicators where indicator_number <= {LOCALITY_INDICATORS}) as i
            where d.style = 'rotherham'
        )
        select
            document,
            document_sha256,
            2 as page,
            'locality' as table_id,
            'PERFORMANCE BY LOCALITY' as table_title,
            source_code as row_code,
            source_label as row_label,
            '' as row_group,
            district as column_label,
            1 as column_span,
            {_text("unit", "value")} as value_text,
            value,
            cast(null as double) as numerator,
            cast(null as double) as denominator,
            cast(null as double) as bracket_count,
            cast(null as varchar) as vintage,
            unit,
            cast(null as varchar) as fill,
            300.0 + 50 * position as x0,
            80.0 + 14 * indicator_number as top,
            340.0 + 50 * position as x1,
            90.0 + 14 * indicator_number as bottom,
            timestamp '{LOADED_AT}' as loaded_at
        from cells
    """)


def _insert_ne_cells(con: duckdb.DuckDBPyConnection) -> None:
    """One KPI table per document: an indicator a row, attributes, benchmarks, months, target, RAG."""
    month_value = _value("i.unit", "d.council_code", "i.indicator_code", "m.month_start", "d.edition_month")
    con.execute(f"""
        insert into {CELLS_TABLE} by name
        with months as (
            -- the edition's month and up to two months before it in the same financial year
            select
                d.document, back.n as months_back,
                cast(d.edition_month - to_months(back.n) as date) as month_start
            from documents as d
            cross join range(3) as back(n)
            where d.style = 'ne'
                and d.edition_month - to_months(back.n) >= make_date(d.fy_start_year, 4, 1)
        ),
        month_cells as (
            select
                d.document, d.document_sha256, i.indicator_number, i.source_code, i.source_label, i.unit,
                20 - m.months_back as column_number,
                -- the report's bare month names ("Sept": a month of the edition's financial year)
                case month(m.month_start) when 6 then 'June' when 7 then 'July' when 9 then 'Sept'
                    when 4 then 'April' else strftime(m.month_start, '%b') end as column_label,
                {month_value} as value,
                cast(null as varchar) as fill,
                cast(null as varchar) as text_value
            from documents as d
            inner join months as m on d.document = m.document
            cross join ne_indicators as i
        ),
        edition_values as (
            select * from month_cells where column_number = 20
        ),
        other_cells as (
            select
                d.document, d.document_sha256, i.indicator_number, i.source_code, i.source_label, i.unit,
                k.column_number, k.column_label,
                case k.kind
                    when 'england' then {_value("i.unit", "'england'", "i.indicator_code", "d.fy_start_year", "0", restated="false")}
                    when 'region' then {_value("i.unit", "'region'", "i.indicator_code", "d.fy_start_year", "0", restated="false")}
                    when 'sn' then {_value("i.unit", "d.council_code || '/sn'", "i.indicator_code", "d.fy_start_year", "0", restated="false")}
                    when 'last_year' then {_value("i.unit", "d.council_code", "i.indicator_code", "d.fy_start_year - 1", "0", restated="false")}
                    when 'target' then {_value("i.unit", "d.council_code || '/target'", "i.indicator_code", "d.fy_start_year", "0", restated="false")}
                end as value,
                case when k.kind = 'rag' then
                    case hash(d.document, i.indicator_code) % 3 when 0 then 'red' when 1 then 'amber' else 'green' end
                end as fill,
                case k.kind
                    when 'officer' then 'A. Officer'
                    when 'collected' then 'Monthly'
                    when 'best' then case i.polarity when 'higher_is_better' then 'Bigger'
                        when 'lower_is_better' then 'Smaller' else 'Info' end
                    when 'unit' then case i.unit when 'percent' then '%' when 'rate_per_10k' then 'Rate'
                        when 'days' then 'Days' else 'No.' end
                    when 'trend' then case hash(d.document, i.indicator_code, 'trend') % 3
                        when 0 then '↑' when 1 then '↓' else '↔' end
                    when 'rag' then ''
                end as text_value
            from documents as d
            cross join ne_indicators as i
            cross join (values
                ('officer', 1, 'Lead Officer'), ('collected', 2, 'Collected'), ('best', 3, 'What is best'),
                ('unit', 4, 'Measure of unit'), ('england', 5, 'Latest England Av'),
                ('region', 6, 'Latest North East Av'), ('sn', 7, 'Latest Stat Neighbour benchmark'),
                ('last_year', 8, 'last_year'), ('trend', 24, 'Trend from when last reported'),
                ('target', 25, 'Year End Target'), ('rag', 26, 'Performance against target')
            ) as k(kind, column_number, column_label)
            where d.style = 'ne'
        ),
        ratio_cells as (
            -- numerator and denominator of the edition month's percentage
            select
                e.document, e.document_sha256, e.indicator_number, e.source_code, e.source_label, 'count' as unit,
                21 + part.n as column_number,
                e.column_label || case part.n when 0 then ' - Num' else ' - Den' end as column_label,
                case part.n when 0 then round(e.value * 5) else 500 end as value,
                cast(null as varchar) as fill,
                cast(null as varchar) as text_value
            from edition_values as e
            cross join range(2) as part(n)
            where e.unit = 'percent'
        ),
        all_cells as (
            select * from month_cells
            union all select * from other_cells
            union all select * from ratio_cells
        )
        select
            a.document,
            a.document_sha256,
            1 + (a.indicator_number > 30)::integer as page,
            't02' as table_id,
            '' as table_title,
            a.source_code as row_code,
            a.source_label as row_label,
            '' as row_group,
            case when a.column_label = 'last_year'
                then printf('%d/%02d', d.fy_start_year - 1, d.fy_start_year % 100)
                else a.column_label end as column_label,
            1 as column_span,
            coalesce(a.text_value, {_text("a.unit", "a.value")}) as value_text,
            case when a.text_value is null then a.value end as value,
            cast(null as double) as numerator,
            cast(null as double) as denominator,
            cast(null as double) as bracket_count,
            cast(null as varchar) as vintage,
            case when a.text_value is null then a.unit else 'text' end as unit,
            a.fill,
            20.0 + 30 * a.column_number as x0,
            60.0 + 14 * (a.indicator_number % 30) as top,
            45.0 + 30 * a.column_number as x1,
            70.0 + 14 * (a.indicator_number % 30) as bottom,
            timestamp '{LOADED_AT}' as loaded_at
        from all_cells as a
        inner join documents as d on a.document = d.document
    """)


def generate(
    warehouse: Path,
    scale: int,
    seeds_dir: Path | None = None,
    first_month: int = 0,
    months: int = MONTHS,
    append: bool = False,
) -> dict[str, int]:
    """Write the synthetic raw tables and, with seeds_dir, the councils' seed rows.

    Months are counted from April 2016 (month 0); the default is the 60 months to March 2021.
    With append, the documents are added to the raw tables instead of replacing them (the
    next month's reports arriving: `first_month=60, months=1, append=True`).
    """
    council_rows = councils(scale)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists raw")
        if not append:
            con.execute(f"drop table if exists {CELLS_TABLE}")
            con.execute(f"drop table if exists {DOCUMENTS_TABLE}")
        ensure_tables(con)
        _load_reference(con, council_rows)
        _create_documents(con, first_month, months)
        _insert_rotherham_cells(con)
        _insert_ne_cells(con)
        con.execute(f"""
            insert into {DOCUMENTS_TABLE} by name
            select
                d.document,
                'synthetic/' || d.document as path,
                d.document_sha256 as sha256,
                d.family,
                d.council_name as council,
                strftime(d.edition_date, '%Y-%m-%d') as edition,
                case d.style when 'rotherham' then 'Synthetic monthly performance report'
                    else 'Synthetic key performance indicators' end as title,
                12 as pages,
                coalesce(n.cells, 0) as cells,
                'loaded' as status,
                cast(null as varchar) as error,
                cast(null as varchar) as warnings,
                timestamp '{LOADED_AT}' as loaded_at
            from documents as d
            left join (
                select document, count(*) as cells from {CELLS_TABLE}
                where document in (select document from documents) group by 1
            ) as n
                on d.document = n.document
        """)
        counts = {
            "councils": len(council_rows),
            "documents": con.execute("select count(*) from documents").fetchone()[0],
            "cells": con.execute(f"select count(*) from {CELLS_TABLE} where document in (select document from documents)").fetchone()[0],
            "rotherham_indicators": con.execute("select count(*) from rotherham_indicators").fetchone()[0],
            "ne_indicators": con.execute("select count(*) from ne_indicators").fetchone()[0],
        }
        con.execute("checkpoint")
    if seeds_dir is not None:
        counts["seed_rows_added"] = write_seed_rows(seeds_dir, council_rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="1: 150 councils x 60 months; N: N times the councils")
    parser.add_argument("--warehouse", type=Path, required=True, help="DuckDB file to write (its raw tables are replaced)")
    parser.add_argument("--seeds-dir", type=Path, help="a copy of seeds/ to add the synthetic councils to")
    parser.add_argument("--first-month", type=int, default=0, help="first month, counted from April 2016 (0)")
    parser.add_argument("--months", type=int, default=MONTHS, help="number of monthly editions (60)")
    parser.add_argument("--append", action="store_true", help="add to the raw tables instead of replacing them")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.warehouse, args.scale, args.seeds_dir, args.first_month, args.months, args.append)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
