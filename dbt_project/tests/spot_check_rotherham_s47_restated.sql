-- Rotherham restates months: "Number of S47 Investigations started" for Oct-20 is 198 in the
-- October edition, 202 in November's and 204 in December's; the latest value is 204.
with editions as (

    select count(*) as loaded
    from {{ ref('dim_source_document') }}
    where family = 'rotherham_monthly'
        and edition_date in (cast('2020-10-31' as date), cast('2020-11-30' as date), cast('2020-12-31' as date))

),

revisions as (

    select *
    from {{ ref('fct_indicator_revision') }}
    where indicator_code = 's47_started_count'
        and period_key = 'month:2020-10-01:2020-10-31'
        and org_unit_code = 'rotherham'

),

latest as (

    select value
    from {{ ref('fct_indicator_value') }}
    where indicator_code = 's47_started_count'
        and period_key = 'month:2020-10-01:2020-10-31'
        and org_unit_code = 'rotherham'
        and is_latest

)

select 'expected revisions 198 -> 202 -> 204' as problem
from editions
where loaded = 3
    and (
        (select count(*) from revisions) <> 2
        or not exists (select 1 from revisions where old_value = 198 and new_value = 202)
        or not exists (select 1 from revisions where old_value = 202 and new_value = 204)
        or not exists (select 1 from latest where value = 204)
    )
