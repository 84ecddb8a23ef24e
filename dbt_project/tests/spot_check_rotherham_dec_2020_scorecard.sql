-- The December 2020 Rotherham scorecard row for ICPCs within 15 days: 38.1% in Dec 2020 after
-- 40.0% in Nov 2020, worse (the report prints a down arrow), red against "<85%" (the report
-- prints red), SN average 78.5, England 78.7, top quartile 88.2.
with documents as (

    select document
    from {{ ref('dim_source_document') }}
    where family = 'rotherham_monthly' and edition_date = cast('2020-12-31' as date)

),

scorecard as (

    select s.*
    from {{ ref('fct_scorecard') }} as s
    inner join documents as d on s.source_document = d.document
    where s.indicator_code = 'icpc_within_15_days_pct'
        and s.org_unit_code = 'rotherham'
        and s.period_key = 'month:2020-12-01:2020-12-31'

)

select document, 'no scorecard row' as problem
from documents
where not exists (select 1 from scorecard)

union all

select source_document, 'unexpected scorecard values' as problem
from scorecard
where not (
    abs(value - 38.1) < 0.000001
    and abs(previous_value - 40.0) < 0.000001
    and direction = 'worse'
    and printed_direction = '↓'
    and rag_status = 'red'
    and printed_rag = 'red'
    and abs(sn_average - 78.5) < 0.000001
    and abs(england_average - 78.7) < 0.000001
    and abs(national_top_quartile - 88.2) < 0.000001
    and quartile_band = 'B-D'
    and ytd_value is not null
)
