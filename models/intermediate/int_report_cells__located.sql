-- Where each cell sits in its table's layout: which label names its indicator, which its
-- period, org unit or benchmark, and what role the cell plays (a value, a numerator, a
-- benchmark, a target, a printed RAG colour or direction arrow, a row attribute such as the
-- printed polarity). Each table's layout comes from int_report_tables__layouts.
-- Incremental by document (macros/incremental.sql): a run rebuilds new, changed and re-read
-- documents only.
-- CTEs over every cell are `not materialized`: DuckDB would otherwise hold a CTE that is read
-- twice in memory (gigabytes at warehouse scale); each reader scans the table again instead.
-- depends_on: {{ ref('stg_raw__source_documents') }}

with cells as not materialized (

    select * from {{ ref('int_report_cells__consolidated') }}
    {% if is_incremental() %}
    where document in ({{ documents_to_rebuild() }})
    {% endif %}

),

documents as (

    select document, family, council, edition_date from {{ ref('stg_raw__source_documents') }}

),

table_layouts as (

    select * from {{ ref('int_report_tables__layouts') }}

),

benchmark_labels as (

    select * from {{ ref('benchmark_labels') }}

),

column_parts as (

    -- the parts of each distinct column header (the patterns run once per header, not per cell)
    select
        *,
        {{ regexp_matches('column_head', '^[0-9]+([.][0-9]+)+$') }} as column_head_is_code
    from (
        select
            column_header,
            coalesce(trim({{ regexp_extract('column_header', '^([^>]*)', 1) }}), '') as column_head,
            coalesce(trim({{ regexp_extract('column_header', '([^>]*)$', 1) }}), '') as column_leaf,
            case
                when column_header like '% > %'
                    then trim(substr(column_header, length({{ regexp_extract('column_header', '^([^>]*>)', 1) }}) + 1))
                else ''
            end as column_tail
        from (select distinct column_header from cells) as headers
    ) as parts

),

cells_in_layout as not materialized (

    select
        c.*,
        d.family,
        d.council,
        d.edition_date,
        coalesce(l.layout, 'indicator_rows') as layout,
        coalesce(l.as_at_rule, 'edition') as as_at_rule,
        h.column_head,
        h.column_leaf,
        h.column_tail,
        h.column_head_is_code
    from cells as c
    left join documents as d on c.document = d.document
    left join table_layouts as l on c.document = l.document and c.table_id = l.table_id
    left join column_parts as h on c.column_header is not distinct from h.column_header

),

cells_with_benchmark_labels as not materialized (

    select
        c.*,
        column_benchmark.benchmark_type as column_benchmark_type,
        row_benchmark.benchmark_type as row_benchmark_type
    from cells_in_layout as c
    left join benchmark_labels as column_benchmark
        on coalesce(c.family, '') like column_benchmark.family
        and lower(c.column_leaf) = lower(column_benchmark.source_label)
    left join benchmark_labels as row_benchmark
        on coalesce(c.family, '') like row_benchmark.family
        and lower(c.row_label) = lower(row_benchmark.source_label)

),

column_roles as not materialized (

    -- how the column header of an indicators-in-rows table classifies its cells
    select
        *,
        case
            when lower(column_header) in ('good perf is', 'what is best', 'polarity') then 'attribute'
            when lower(column_header) like 'data note%' or lower(column_header) in ('measure of unit', 'unit') then 'attribute'
            when lower(column_header) = 'collected' then 'attribute'
            when lower(column_header) = 'lead officer' then 'attribute'
            when lower(column_header) like 'dot%' or lower(column_header) like 'trend from when last reported%'
                or lower(column_header) like 'direction of travel%' then 'printed_direction'
            when lower(column_header) like 'rag%' or lower(column_header) like 'performance against target%' then 'printed_rag'
            when lower(column_header) like 'target and tolerances%' or lower(column_header) like '%target%' then 'target'
            when column_benchmark_type = 'council_value' then 'value'
            when column_benchmark_type is not null then 'benchmark'
            when lower(column_leaf) like '% - num' then 'numerator'
            when lower(column_leaf) like '% - den' then 'denominator'
            when lower(column_leaf) like 'change from previous%' then 'excluded'
            else 'value'
        end as column_role,
        case
            when lower(column_header) in ('good perf is', 'what is best', 'polarity') then 'printed_polarity'
            when lower(column_header) like 'data note%' or lower(column_header) in ('measure of unit', 'unit') then 'printed_unit'
            when lower(column_header) = 'collected' then 'collected'
            when lower(column_header) = 'lead officer' then 'lead_officer'
        end as column_attribute
    from cells_with_benchmark_labels

),

tables_with_council_value as (

    -- tables that print the council's own figure beside its benchmarks
    select distinct document, table_id
    from cells_with_benchmark_labels
    where column_benchmark_type = 'council_value'

),

column_roles_in_table as not materialized (

    select
        r.*,
        t.document is not null as table_has_council_value
    from column_roles as r
    left join tables_with_council_value as t
        on r.document = t.document
        and r.table_id = t.table_id

),

located as not materialized (

    select
        cell_id,
        document,
        document_sha256,
        family,
        council,
        edition_date,
        page,
        table_id,
        table_title,
        layout,
        as_at_rule,
        row_code,
        row_label,
        row_group,
        column_label,
        column_header,
        value_text,
        value,
        numerator,
        denominator,
        bracket_count,
        vintage,
        unit,
        value_decimals,
        fill,
        x0,
        top,
        x1,
        bottom,
        loaded_at,
        printed_cells,
        shares_position,

        -- the role of the cell
        case
            when layout = 'excluded' then 'excluded'
            when layout = 'indicator_rows' then column_role
            when layout = 'indicator_columns' and upper(row_group) like '%BENCHMARK%' then 'benchmark'
            when layout = 'org_rows' and lower(column_leaf) like 'change from previous%' then 'excluded'
            when layout = 'org_rows' and row_benchmark_type is not null and row_benchmark_type <> 'council_value' then 'benchmark'
            else 'value'
        end as cell_role,
        case when layout = 'indicator_rows' then column_attribute end as attribute_name,

        -- the labels that name the indicator
        case
            when layout in ('indicator_columns', 'indicator_columns_org_rows') then
                case when column_head_is_code then column_head end
            when layout = 'org_rows' then null
            else row_code
        end as indicator_source_code,
        case
            when layout in ('indicator_columns', 'indicator_columns_org_rows') then
                case when column_head_is_code then column_tail else column_header end
            when layout = 'org_rows' then ''
            else row_label
        end as indicator_source_label,
        case
            when layout in ('indicator_rows', 'indicator_rows_org_columns') then row_group
            else ''
        end as indicator_source_group,

        -- the label that names the period, and its context
        case
            when layout = 'indicator_rows' and column_role in ('printed_rag', 'printed_direction', 'target') then '@edition_month'
            when layout = 'indicator_rows' and column_benchmark_type = 'council_value' then '@latest_published'
            when layout = 'indicator_rows' and lower(column_leaf) like '% - num' then trim(substr(column_leaf, 1, length(column_leaf) - 6))
            when layout = 'indicator_rows' and lower(column_leaf) like '% - den' then trim(substr(column_leaf, 1, length(column_leaf) - 6))
            when layout = 'indicator_rows' and lower(column_leaf) like '%same period last year%' then '@same_period_last_year'
            when layout = 'indicator_rows' and column_role = 'benchmark' and table_has_council_value then '@latest_published'
            when layout = 'indicator_rows' and column_role = 'benchmark' then null
            when layout = 'indicator_rows' then column_leaf
            when layout = 'indicator_columns' and upper(row_group) like '%BENCHMARK%' then null
            when layout = 'indicator_columns' then row_label
            when layout = 'org_rows' then column_leaf
            else ''
        end as period_token,
        case
            when layout = 'indicator_rows' and column_header like '% > %' then column_head
            else ''
        end as period_column_context,
        case
            when layout = 'indicator_rows' then row_label
            when layout = 'indicator_columns' then row_group
            else ''
        end as period_row_context,

        -- the label that names the org unit (null: the council itself)
        case
            when layout = 'indicator_rows_org_columns' then column_header
            when layout = 'indicator_columns_org_rows' then row_label
            when layout = 'org_rows' and coalesce(row_benchmark_type, 'council_value') = 'council_value' then row_label
        end as org_unit_source_label,

        -- the label that names the benchmark
        case
            when layout = 'indicator_rows' and column_benchmark_type is not null and column_benchmark_type <> 'council_value' then column_leaf
            when layout = 'indicator_columns' and upper(row_group) like '%BENCHMARK%' then row_label
            when layout = 'org_rows' and row_benchmark_type is not null and row_benchmark_type <> 'council_value' then row_label
        end as benchmark_source_label,
        case
            when layout = 'indicator_rows' and column_benchmark_type <> 'council_value' then column_benchmark_type
            when layout = 'indicator_columns' then row_benchmark_type
            when layout = 'org_rows' and row_benchmark_type <> 'council_value' then row_benchmark_type
        end as benchmark_type,

        -- which band a printed target or tolerance is for
        case
            when lower(column_leaf) like '%green%' then 'green'
            when lower(column_leaf) like '%amber%' then 'amber'
            when lower(column_leaf) like '%red%' then 'red'
            else 'target'
        end as target_band
    from column_roles_in_table

),

row_attributes as (

    -- attributes printed in an indicator's own row (polarity, unit note, how it is collected)
    select
        document, table_id, row_group, coalesce(row_code, '') as row_code_key, row_label,
        max(case when attribute_name = 'printed_polarity' then value_text end) as printed_polarity_text,
        max(case when attribute_name = 'printed_unit' then value_text end) as printed_unit_text,
        max(case when attribute_name = 'collected' then value_text end) as collected_text
    from located
    where cell_role = 'attribute'
    group by 1, 2, 3, 4, 5

),

final as (

    select
        l.*,
        a.printed_polarity_text,
        a.printed_unit_text,
        a.collected_text,
        {{ build_fingerprint_column() }}
    from located as l
    left join row_attributes as a
        on l.layout = 'indicator_rows'
        and l.document = a.document
        and l.table_id = a.table_id
        and l.row_group = a.row_group
        and coalesce(l.row_code, '') = a.row_code_key
        and l.row_label = a.row_label

)

select * from final
