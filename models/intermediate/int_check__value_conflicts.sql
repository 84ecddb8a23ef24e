-- Values a document prints more than once with different numbers (the Rotherham summary and
-- its topic page, say): one is kept in fct_indicator_value; every printed alternative is
-- listed here, flagged when the two differ only by rounding.
with cells as (

    select * from {{ ref('int_report_cells__resolved') }}
    where cell_role = 'value'
        and value is not null
        and indicator_code is not null
        and period_key is not null
        and org_unit_code is not null

),

kept as (

    select
        indicator_value_id, document, indicator_code, period_key, org_unit_code,
        value as kept_value, value_text as kept_value_text, value_decimals as kept_value_decimals, page as kept_page
    from {{ ref('int_indicator_values') }}
    where distinct_printed_values > 1

)

select
    k.indicator_value_id,
    k.document,
    k.indicator_code,
    k.period_key,
    k.org_unit_code,
    k.kept_value,
    k.kept_value_text,
    k.kept_page,
    c.value as other_value,
    c.value_text as other_value_text,
    c.page as other_page,
    c.table_id as other_table_id,
    c.row_label as other_row_label,
    c.column_label as other_column_label,
    abs(c.value - k.kept_value) as difference,
    -- the two agree once the more precise one is rounded like the other (909.8 and 910)
    abs(c.value - k.kept_value) <= 0.5 * power(10.0, -(case when c.value_decimals < k.kept_value_decimals then c.value_decimals else k.kept_value_decimals end)) + 0.000001
        as is_rounding_only
from kept as k
inner join cells as c
    on k.document = c.document
    and k.indicator_code = c.indicator_code
    and k.period_key = c.period_key
    and k.org_unit_code = c.org_unit_code
    and c.value <> k.kept_value
