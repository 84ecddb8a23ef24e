-- Values printed with their numerator and denominator: the percentage (or rate per 10,000)
-- recomputed from them must equal the printed value within the printed rounding (half a unit
-- of the last printed decimal place, and a hair more for floating point).
with indicator_values as (

    select * from {{ ref('int_indicator_values') }}
    where value is not null
        and numerator is not null
        and denominator is not null
        and denominator <> 0
        and unit in ('percent', 'rate_per_10k')

),

recomputed as (

    select
        indicator_value_id,
        document,
        family,
        edition_date,
        indicator_code,
        period_key,
        org_unit_code,
        unit,
        value,
        value_text,
        numerator,
        denominator,
        value_decimals,
        case unit when 'percent' then 100.0 else 10000.0 end * numerator / denominator as recomputed_value,
        0.5 * power(10.0, -value_decimals) + 0.000001 as tolerance,
        page
    from indicator_values

)

select
    *,
    abs(value - recomputed_value) as difference,
    abs(value - recomputed_value) <= tolerance as ratio_matches
from recomputed
