-- Cross-council comparison with the England average.
-- Each council's latest reported value of indicators that several councils report, beside the
-- England average its own report prints (same document, else the council's latest printed
-- benchmark), the gap, the direction of travel and the RAG status.
select
    s.indicator_code,
    s.indicator_name,
    s.council,
    s.period_label,
    s.period_type,
    s.value,
    s.unit,
    s.england_average,
    s.value - s.england_average as difference_from_england,
    s.polarity,
    s.direction,
    s.rag_status,
    s.quartile_band,
    s.source_document,
    s.source_page
from marts.fct_scorecard as s
inner join marts.dim_org_unit as o
    on s.org_unit_code = o.org_unit_code
where o.org_unit_type = 'council'
    and s.is_latest_period
    and s.indicator_code in (
        'cla_rate_per_10k',
        'cp_plan_rate_per_10k',
        'icpc_within_15_days_pct',
        'assessments_within_45_days_pct',
        're_referrals_within_12_months_pct',
        'cla_3_plus_placements_pct',
        'cla_placement_stability_2_years_pct',
        'care_leavers_suitable_accommodation_pct'
    )
order by s.indicator_code, s.council
