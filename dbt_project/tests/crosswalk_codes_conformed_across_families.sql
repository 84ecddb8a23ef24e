-- The codes the scorecards compare across councils must exist in dim_indicator and be the
-- target of crosswalk rows (which family maps to which is in dim_indicator.families).
with required as (

    select 'assessments_within_45_days_pct' as indicator_code
    union all select 're_referrals_within_12_months_pct'
    union all select 'referrals_rate_per_10k'
    union all select 'cin_rate_per_10k'
    union all select 'cp_plan_count'
    union all select 'cp_plan_rate_per_10k'
    union all select 'cp_plan_second_time_ever_pct'
    union all select 'icpc_within_15_days_pct'
    union all select 'cla_count'
    union all select 'cla_rate_per_10k'
    union all select 'cla_3_plus_placements_pct'
    union all select 'cla_placement_stability_2_years_pct'
    union all select 'cla_health_assessment_up_to_date_pct'
    union all select 'cla_dental_check_up_to_date_pct'
    union all select 'care_leavers_suitable_accommodation_pct'
    union all select 'care_leavers_eet_pct'

)

select r.indicator_code, 'missing from dim_indicator' as problem
from required as r
left join {{ ref('dim_indicator') }} as i on r.indicator_code = i.indicator_code
where i.indicator_code is null

union all

select r.indicator_code, 'no crosswalk row maps to it' as problem
from required as r
left join {{ ref('indicator_crosswalk') }} as x on r.indicator_code = x.indicator_code
where x.indicator_code is null
