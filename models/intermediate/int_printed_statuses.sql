-- What a report prints about an indicator's status in its reporting month: the colour of its
-- RAG cell and its direction-of-travel arrow, one row per document, indicator, period and org
-- unit. The arrow's meaning is read with the row's polarity: for an indicator with a good
-- direction an up arrow means better (Rotherham: "improvement in performance"; NE KPI:
-- "better than previously reported"); for an information-only or within-limits row it means
-- the number went up.
-- A RAG cell printed as a word or letter ("Red", "A", "g") instead of a fill reads the same as
-- the fill; only cells of a RAG column are read so (a row labelled "R" is no status).
with cells as (

    select * from {{ ref('int_report_cells__resolved') }}
    where cell_role in ('printed_rag', 'printed_direction')
        and indicator_code is not null
        and period_key is not null
        and org_unit_code is not null

),

statuses as (

    select
        document,
        indicator_code,
        period_key,
        org_unit_code,
        max(case when cell_role = 'printed_rag' then coalesce(lower(fill), {{ rag_word('value_text') }}) end) as printed_rag,
        max(case when cell_role = 'printed_rag' then page end) as printed_rag_page,
        max(case when cell_role = 'printed_direction' then nullif(trim(value_text), '') end) as printed_direction,
        max(case when cell_role = 'printed_direction' then page end) as printed_direction_page
    from cells
    group by 1, 2, 3, 4

),

final as (

    select
        *,
        case
            when printed_direction in ('↑', '▲', '⬆') then 'up'
            when printed_direction in ('↓', '▼', '⬇') then 'down'
            when printed_direction in ('→', '↔', '►', '⬌', '=') then 'level'
        end as printed_arrow
    from statuses

)

select * from final
