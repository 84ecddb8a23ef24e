-- Located cells with the canonical indicator their label maps to, and the period basis that
-- applies to their month / as-at columns: the crosswalk's, else the one the report prints in
-- the row ("Collected: Year to date" -> financial year to date).
-- A view: it adds four columns to int_report_cells__located, which its three consumers read
-- with their own filters; a table would copy every cell once more.
{{ config(materialized='view') }}

with located as (

    select * from {{ ref('int_report_cells__located') }}

),

label_matches as (

    select * from {{ ref('int_indicator_label_matches') }}

),

final as (

    select
        k.*,
        -- the key of the label (the cells of a label no value cell prints are not among the
        -- label matches: their key is computed here)
        coalesce(
            m.label_key,
            {{ dbt.hash(dbt.concat(["coalesce(k.family, '')", "'|'", "coalesce(k.table_title, '')", "'|'", "coalesce(k.indicator_source_group, '')", "'|'", "coalesce(k.indicator_source_code, '')", "'|'", "coalesce(k.indicator_source_label, '')"])) }}
        ) as label_key,
        m.indicator_code,
        m.match_status,
        coalesce(
            m.period_basis,
            case lower(trim(k.collected_text))
                when 'year to date' then 'fytd'
                when 'monthly' then 'month'
                when 'month end' then 'month'
                when 'quarterly' then 'quarter'
            end
        ) as period_basis
    from located as k
    left join label_matches as m
        on coalesce(k.family, '') = coalesce(m.family, '')
        and coalesce(k.table_title, '') = m.table_title
        and coalesce(k.indicator_source_group, '') = m.source_group
        and coalesce(k.indicator_source_code, '') = m.source_code
        and coalesce(k.indicator_source_label, '') = m.source_label

)

select * from final
