-- Everything printed that could not be placed, so that nothing vanishes silently: indicator
-- labels the crosswalk does not map (or maps to two indicators), labels excluded on purpose
-- (with the crosswalk's reason), org-unit and benchmark labels without a mapping, and period
-- labels that could not be read, and the cells of excluded tables and derived columns.
-- status 'unmapped' / 'ambiguous' / 'unresolved' rows are work for the crosswalk's reviewer;
-- 'excluded' rows are deliberate. Indicator labels are listed per table title (the crosswalk's
-- key besides the labels); the page is an example of where to look.
with label_matches as (

    select * from {{ ref('int_indicator_label_matches') }}

),

cells as (

    select * from {{ ref('int_report_cells__resolved') }}

),

indicator_labels as (

    select
        'indicator' as label_kind,
        match_status as status,
        family,
        table_id,
        table_title,
        source_group,
        source_code,
        source_label,
        cells,
        value_cells,
        example_document,
        example_page,
        crosswalk_note as note
    from label_matches
    where match_status <> 'mapped'

),

org_unit_labels as (

    select
        'org_unit' as label_kind,
        case when max(org_unit_match_status) = 'unknown_council' then 'unresolved' else 'unmapped' end as status,
        family,
        table_id,
        min(table_title) as table_title,
        '' as source_group,
        '' as source_code,
        coalesce(org_unit_source_label, council) as source_label,
        count(*) as cells,
        sum(case when value is not null then 1 else 0 end) as value_cells,
        min(document) as example_document,
        min(page) as example_page,
        max(case when org_unit_match_status = 'unknown_council' then 'the council ' || coalesce(council, '(none)') || ' is not in org_units or org_unit_aliases' end) as note
    from cells
    where cell_role in ('value', 'benchmark', 'target', 'printed_rag', 'printed_direction')
        and indicator_code is not null
        and org_unit_code is null
    group by family, table_id, coalesce(org_unit_source_label, council)

),

benchmark_labels as (

    select
        'benchmark' as label_kind,
        'unmapped' as status,
        family,
        table_id,
        min(table_title) as table_title,
        '' as source_group,
        '' as source_code,
        benchmark_source_label as source_label,
        count(*) as cells,
        sum(case when value is not null then 1 else 0 end) as value_cells,
        min(document) as example_document,
        min(page) as example_page,
        'not in the seed benchmark_labels' as note
    from cells
    where cell_role = 'benchmark'
        and benchmark_type is null
    group by family, table_id, benchmark_source_label

),

period_labels as (

    select
        'period' as label_kind,
        'unresolved' as status,
        family,
        table_id,
        min(table_title) as table_title,
        coalesce(period_row_context, '') as source_group,
        coalesce(period_column_context, '') as source_code,
        coalesce(period_token, '') as source_label,
        count(*) as cells,
        sum(case when value is not null then 1 else 0 end) as value_cells,
        min(document) as example_document,
        min(page) as example_page,
        'the period could not be read from this label' as note
    from cells
    where cell_role in ('value', 'numerator', 'denominator', 'target', 'printed_rag', 'printed_direction')
        and indicator_code is not null
        and period_key is null
    group by family, table_id, coalesce(period_row_context, ''), coalesce(period_column_context, ''), coalesce(period_token, '')

),

excluded_cells as (

    -- tables the seed table_layouts excludes, and derived columns ("Change from previous year")
    select
        'cell' as label_kind,
        'excluded' as status,
        c.family,
        c.table_id,
        min(c.table_title) as table_title,
        '' as source_group,
        '' as source_code,
        case when c.layout = 'excluded' then '(whole table)' else c.column_label end as source_label,
        count(*) as cells,
        sum(case when c.value is not null then 1 else 0 end) as value_cells,
        min(c.document) as example_document,
        min(c.page) as example_page,
        case
            when c.layout = 'excluded' then max(l.note)
            else 'derived from other printed values'
        end as note
    from cells as c
    left join {{ ref('table_layouts') }} as l
        on coalesce(c.family, '') like l.family
        and c.table_id like l.table_id
        and l.layout = 'excluded'
    where c.cell_role = 'excluded'

    group by c.family, c.table_id, c.layout, case when c.layout = 'excluded' then '(whole table)' else c.column_label end

),

unioned as (

    select * from indicator_labels
    union all
    select * from org_unit_labels
    union all
    select * from benchmark_labels
    union all
    select * from period_labels
    union all
    select * from excluded_cells

)

select
    {{ dbt.hash(dbt.concat(["label_kind", "'|'", "coalesce(family, '')", "'|'", "coalesce(table_id, '')", "'|'", "coalesce(" ~ "case when label_kind = 'indicator' then table_title end" ~ ", '')", "'|'", "coalesce(source_group, '')", "'|'", "coalesce(source_code, '')", "'|'", "coalesce(source_label, '')"])) }} as unmapped_label_id,
    *
from unioned
