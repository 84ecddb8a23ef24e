-- Every period the reports use: months, quarters, financial years (April-March) and years to
-- date, rolling 12 months, six months, academic years and terms, snapshot dates and printed
-- date ranges; with the period before and the same period a year earlier.
with periods as (

    select * from {{ ref('int_periods') }}

)

select
    p.period_key,
    p.period_type,
    p.period_start,
    p.period_end,
    p.period_label,
    p.financial_year_start,
    {{ year_span_label('p.financial_year_start') }} as financial_year_label,
    p.academic_year_start,
    {{ dbt.datediff('p.period_start', 'p.period_end', 'day') }} + 1 as days_in_period,
    previous.period_key as previous_period_key,
    last_year.period_key as same_period_last_year_key,
    p.previous_period_key as previous_period_key_expected,
    p.same_period_last_year_key as same_period_last_year_key_expected
from periods as p
left join periods as previous on p.previous_period_key = previous.period_key
left join periods as last_year on p.same_period_last_year_key = last_year.period_key
