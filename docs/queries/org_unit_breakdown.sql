-- An org-unit breakdown: Lancashire's Annex A at its latest as-at date, one row per org unit
-- (CSC areas, district teams, service units and the county), in hierarchy order.
with latest_snapshot as (

    select max(v.period_end) as as_at
    from marts.fct_indicator_value as v
    inner join marts.dim_org_unit as o on v.org_unit_code = o.org_unit_code
    where o.council_org_unit_code = 'lancashire'
        and v.period_type = 'snapshot'

),

annex_values as (

    select v.*
    from marts.fct_indicator_value as v
    inner join latest_snapshot as l
        on v.period_end = l.as_at
    where v.period_type = 'snapshot'
        and v.is_latest

)

select
    o.hierarchy_path,
    o.org_unit_type,
    o.org_unit_name,
    max(l.as_at) as as_at,
    max(case when a.indicator_code = 'cla_count' then a.value end) as children_looked_after,
    max(case when a.indicator_code = 'cla_rate_per_10k' then a.value end) as cla_rate_per_10k,
    max(case when a.indicator_code = 'cp_plan_rate_per_10k' then a.value end) as cp_plan_rate_per_10k,
    max(case when a.indicator_code = 'cin_plan_rate_per_10k' then a.value end) as cin_plan_rate_per_10k,
    max(case when a.indicator_code = 'cla_visits_in_time_pct' then a.value end) as cla_visits_in_time_pct,
    max(case when a.indicator_code = 'care_leavers_eet_pct' then a.value end) as care_leavers_eet_pct
from marts.dim_org_unit as o
cross join latest_snapshot as l
inner join annex_values as a
    on o.org_unit_code = a.org_unit_code
where o.council_org_unit_code = 'lancashire'
group by o.hierarchy_path, o.org_unit_type, o.org_unit_name, o.sort_order
order by min(o.sort_order)
