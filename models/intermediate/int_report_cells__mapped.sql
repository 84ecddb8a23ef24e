-- Located cells with the canonical indicator their label maps to, and the period basis that
-- applies to their month / as-at columns: the crosswalk's, else the one the report prints in
-- the row ("Collected: Year to date" -> financial year to date).
with located as (

    select * from {{ ref('int_report_cells__located') }}

),

label_matches as (

    select * from {{ ref('int_indicator_label_matches') }}

),

keyed as (

    select
        *,
        {{ dbt.hash(dbt.concat(["coalesce(family, '')", "'|'", dbt.safe_cast('page', dbt.type_string()), "'|'", "coalesce(indicator_source_group, '')", "'|'", "coalesce(indicator_source_code, '')", "'|'", "coalesce(indicator_source_label, '')"])) }} as label_key
    from located

),

final as (

    select
        k.*,
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
    from keyed as k
    left join label_matches as m on k.label_key = m.label_key

)

select * from final
