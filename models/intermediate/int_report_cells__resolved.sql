-- Every located cell with its canonical indicator, period and org unit resolved.
-- Incremental by document (macros/incremental.sql): a run rebuilds new, changed and re-read
-- documents only (a cell's indicator, period and org unit depend on its own labels and the
-- reference data, never on other documents).
-- depends_on: {{ ref('stg_raw__source_documents') }}

with mapped as (

    select * from {{ ref('int_report_cells__mapped') }}
    {% if is_incremental() %}
    where document in ({{ documents_to_rebuild() }})
    {% endif %}

),

periods as (

    select * from {{ ref('int_period_tokens') }}

),

org_units as (

    select * from {{ ref('int_org_unit_tokens') }}

),

final as (

    select
        m.*,
        p.period_key,
        p.period_type,
        p.period_start,
        p.period_end,
        o.org_unit_code,
        o.council_org_unit_code,
        o.match_status as org_unit_match_status
    from mapped as m
    left join periods as p
        on m.edition_date = p.edition_date
        and m.as_at_rule = p.as_at_rule
        and coalesce(m.period_token, '') = p.period_token
        and coalesce(m.period_column_context, '') = p.period_column_context
        and coalesce(m.period_row_context, '') = p.period_row_context
        and coalesce(m.period_basis, '') = p.period_basis
    left join org_units as o
        on coalesce(m.council, '') = coalesce(o.council, '')
        and coalesce(m.org_unit_source_label, '') = o.org_unit_source_label

)

select * from final
