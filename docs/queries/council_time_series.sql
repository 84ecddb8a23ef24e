-- A time series for one council: Rotherham's initial child protection conferences within 15
-- days, month by month, as the newest edition prints each month, with the numerator and
-- denominator, the page it is printed on, and how often later editions restated it.
select
    p.period_label,
    p.period_start,
    p.period_end,
    v.value,
    v.value_text,
    v.numerator,
    v.denominator,
    v.document as latest_document,
    v.page,
    (
        select count(*)
        from marts.fct_indicator_revision as r
        where r.indicator_code = v.indicator_code
            and r.period_key = v.period_key
            and r.org_unit_code = v.org_unit_code
    ) as times_restated
from marts.fct_indicator_value as v
inner join marts.dim_period as p
    on v.period_key = p.period_key
where v.org_unit_code = 'rotherham'
    and v.indicator_code = 'icpc_within_15_days_pct'
    and v.is_latest
    and p.period_type = 'month'
order by p.period_end
