-- One benchmark value per document, indicator, benchmark type, comparator and vintage. The
-- comparator is the council's statistical-neighbour group, England or the council's region,
-- by the benchmark type. The vintage is the bracketed year printed with the value ("(2017)",
-- a "(2018)" cell beside it), the year column of a comparative table, or, for a benchmark
-- table that prints the council's own figure beside its benchmarks, the last complete
-- financial year before the edition (the table's "2019/20" header is not among the cells).
-- Incremental by document (macros/incremental.sql).
-- depends_on: {{ ref('stg_raw__source_documents') }}

with cells as not materialized (

    select * from {{ ref('int_report_cells__resolved') }}
    where cell_role = 'benchmark'
        and indicator_code is not null
        {% if is_incremental() %}
        and document in ({{ documents_to_rebuild() }})
        {% endif %}

),

org_units as (

    select * from {{ ref('org_units') }}

),

benchmark_types as (

    select * from {{ ref('benchmark_types') }}

),

benchmark_labels as (

    select family, lower(source_label) as source_label_key, aggregation_evidence
    from {{ ref('benchmark_labels') }}

),

comparators as not materialized (

    select
        c.*,
        t.comparator_kind,
        t.aggregation,
        l.aggregation_evidence,
        case t.comparator_kind
            when 'country' then 'england'
            when 'region' then council.parent_org_unit_code
            when 'statistical_neighbour_group' then sn.org_unit_code
        end as comparator_org_unit_code,
        case
            when c.period_type = 'financial_year' then {{ year_span_label('extract(year from c.period_start)') }}
        end as period_vintage,
        case
            when c.period_token = '@latest_published' then 'inferred'
            when c.period_type is not null then 'printed'
        end as vintage_evidence,
        hash(c.document) as document_hash,
        hash(c.cell_id) as cell_hash
    from cells as c
    left join benchmark_types as t on c.benchmark_type = t.benchmark_type
    left join benchmark_labels as l
        on coalesce(c.family, '') like l.family
        and lower(c.benchmark_source_label) = l.source_label_key
    left join org_units as council on c.council_org_unit_code = council.org_unit_code
    left join org_units as sn
        on sn.org_unit_type = 'statistical_neighbour_group'
        and sn.council_org_unit_code = c.council_org_unit_code

),

keyed_comparators as not materialized (

    -- the grouping below is on 64-bit hashes of the document, the benchmark's key and the cell
    -- (two keys of one document sharing a hash is beyond any chance that matters)
    select
        *,
        hash(indicator_code, benchmark_type, comparator_org_unit_code, coalesce(period_vintage, '')) as benchmark_hash
    from comparators

),

benchmark_groups as (

    -- one benchmark per document, indicator, type, comparator and vintage: the first printed
    -- cell with a number
    select
        document_hash,
        benchmark_hash,
        {{ first_by('cell_hash', 'case when value is not null then 0 else 1 end, page, top, x0, cell_id') }} as best_cell_hash,
        -- distinct printed values are counted below only where these differ (few do)
        min(value) as least_printed_value,
        max(value) as greatest_printed_value,
        max(vintage) as printed_vintage
    from keyed_comparators
    group by 1, 2

),

conflicting_values as (

    -- the distinct values of the benchmarks whose cells print more than one (few do)
    select document_hash, benchmark_hash, count(*) as distinct_printed_values
    from (select distinct document_hash, benchmark_hash, value from keyed_comparators where value is not null) as printed_values
    group by 1, 2
    having count(*) > 1

),

counted_groups as (

    select
        g.document_hash,
        g.best_cell_hash,
        g.printed_vintage,
        case
            when g.least_printed_value is null then 0
            when g.least_printed_value = g.greatest_printed_value then 1
            else v.distinct_printed_values
        end as distinct_printed_values
    from benchmark_groups as g
    left join conflicting_values as v
        on g.document_hash = v.document_hash
        and g.benchmark_hash = v.benchmark_hash

),

ranked as (

    select
        c.*,
        g.distinct_printed_values,
        g.printed_vintage
    from comparators as c
    inner join counted_groups as g
        on c.document_hash = g.document_hash
        and c.cell_hash = g.best_cell_hash

),

final as (

    select
        {{ dbt.hash(dbt.concat(["document", "'|'", "indicator_code", "'|'", "coalesce(benchmark_type, '')", "'|'", "coalesce(comparator_org_unit_code, '')", "'|'", "coalesce(period_vintage, '')"])) }} as benchmark_value_id,
        document,
        family,
        council,
        edition_date,
        council_org_unit_code,
        indicator_code,
        benchmark_type,
        comparator_org_unit_code,
        aggregation,
        aggregation_evidence,
        coalesce(period_vintage, printed_vintage) as vintage,
        case
            when period_vintage is not null then vintage_evidence
            when printed_vintage is not null then 'printed'
        end as vintage_evidence,
        period_key as vintage_period_key,
        {{ dbt.concat(["coalesce(benchmark_type, 'unknown')", "'|'", "coalesce(comparator_org_unit_code, 'unknown')", "'|'", "coalesce(coalesce(period_vintage, printed_vintage), 'latest')"]) }} as benchmark_key,
        value,
        unit,
        value_text,
        benchmark_source_label,
        page,
        table_id,
        row_label as source_row_label,
        column_label as source_column_label,
        distinct_printed_values,
        cell_id as source_cell_id,
        document_sha256,
        loaded_at,
        {{ build_fingerprint_column() }}
    from ranked

)

select * from final
