-- Year-to-date counts of additive indicators (events in a period) beside the sum of the same
-- document's monthly values from April to the YTD's last month, where every month is printed.
with indicator_values as (

    select * from {{ ref('int_indicator_values') }}

),

additive as (

    select indicator_code from {{ ref('indicators') }}
    where is_additive

),

ytd as (

    select v.*
    from indicator_values as v
    inner join additive as a on v.indicator_code = a.indicator_code
    where v.period_type = 'financial_year_to_date'
        and v.value is not null

),

months as (

    select
        y.indicator_value_id,
        count(m.value) as months_printed,
        sum(m.value) as sum_of_months
    from ytd as y
    inner join indicator_values as m
        on y.document = m.document
        and y.indicator_code = m.indicator_code
        and y.org_unit_code = m.org_unit_code
        and m.period_type = 'month'
        and m.period_start >= y.period_start
        and m.period_end <= y.period_end
    group by 1

),

final as (

    select
        y.indicator_value_id,
        y.document,
        y.family,
        y.edition_date,
        y.indicator_code,
        y.period_key,
        y.org_unit_code,
        y.value as ytd_value,
        y.value_text as ytd_value_text,
        m.months_printed,
        {{ dbt.datediff('y.period_start', 'y.period_end', 'month') }} + 1 as months_in_period,
        m.sum_of_months,
        y.page
    from ytd as y
    inner join months as m on y.indicator_value_id = m.indicator_value_id

)

select
    *,
    months_printed = months_in_period as is_complete,
    abs(ytd_value - sum_of_months) < 0.5 as ytd_matches
from final
where months_printed = months_in_period
