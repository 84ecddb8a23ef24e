-- One row per canonical indicator, with the report families that print it.
with indicators as (

    select * from {{ ref('indicators') }}

),

label_matches as (

    select * from {{ ref('int_indicator_label_matches') }}
    where match_status = 'mapped'

),

coverage as (

    select
        indicator_code,
        count(*) as printed_labels,
        count(distinct family) as reporting_families,
        {{ dbt.listagg('distinct family', "', '", 'order by family') }} as families
    from label_matches
    group by 1

)

select
    i.indicator_code,
    i.indicator_name,
    i.domain,
    i.unit,
    i.polarity,
    i.is_additive,
    nullif(i.headline_period_type, '') as headline_period_type,
    nullif(i.national_code, '') as national_code,
    nullif(i.lait_measure_short, '') as lait_measure_short,
    nullif(i.definition, '') as definition,
    nullif(i.definition_source, '') as definition_source,
    coalesce(c.printed_labels, 0) as printed_labels,
    coalesce(c.reporting_families, 0) as reporting_families,
    c.families
from indicators as i
left join coverage as c on i.indicator_code = c.indicator_code
