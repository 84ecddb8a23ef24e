-- Printed targets and red / amber / green tolerances parsed into numeric bands, one row per
-- document, indicator, org unit, period and band. Forms read: "<92%", "92%>", "95%+", "26%<",
-- "79+", a bare number (a target, read with the row's printed polarity), ranges "14-20", "+/-5 of 158.8" with "+/-15" and "more than +/-15" around the same
-- centre, "1+ above range limit" around the green range, "1 above / below range limit" (amber:
-- what is neither green nor red). A single year-end target (NE KPI) becomes three bands by
-- the row's printed polarity: better than target green, equal amber, worse red.
-- A band is met when the value lies inside [lower, upper] (or outside it, for is_outside).
with cells as (

    select * from {{ ref('int_report_cells__resolved') }}
    where cell_role = 'target'
        and indicator_code is not null
        and period_key is not null
        and org_unit_code is not null

),

printed as (

    select
        document, family, council, edition_date, indicator_code, period_key, org_unit_code, target_band,
        printed_polarity_text,
        min(value_text) as target_text,
        min(page) as page,
        min(cell_id) as source_cell_id
    from cells
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9

),

parsed as (

    select
        *,
        lower(replace(replace(trim(target_text), '%', ''), ' ', '')) as compact_text,
        {{ first_number('target_text') }} as first_number,
        {{ dbt.safe_cast(regexp_extract("replace(target_text, ' ', '')", '([0-9.]+)[[:space:]]*-[[:space:]]*([0-9.]+)$', 2), type_double()) }} as range_upper,
        {{ dbt.safe_cast(regexp_extract("replace(target_text, ' ', '')", 'of([0-9.]+)$', 1), type_double()) }} as plus_minus_centre
    from printed

),

row_context as (

    -- the green band of the same row: the centre and range that "+/-15" and
    -- "1+ above range limit" refer to
    select
        p.*,
        g.plus_minus_centre as green_centre,
        g.first_number as green_first_number,
        g.range_upper as green_range_upper,
        g.compact_text as green_compact_text,
        case
            when lower(trim(p.printed_polarity_text)) in ('bigger', 'high', 'higher') then 'higher_is_better'
            when lower(trim(p.printed_polarity_text)) in ('smaller', 'low', 'lower') then 'lower_is_better'
        end as target_polarity
    from parsed as p
    left join parsed as g
        on p.document = g.document
        and p.indicator_code = g.indicator_code
        and p.period_key = g.period_key
        and p.org_unit_code = g.org_unit_code
        and g.target_band = 'green'

),

banded as (

    select
        document, family, council, edition_date, indicator_code, period_key, org_unit_code,
        target_band as band,
        target_text,
        false as is_derived,
        page,
        source_cell_id,
        case
            when {{ regexp_matches('compact_text', '^[0-9.]+$') }} then
                case
                    when target_band = 'amber' then 'otherwise'
                    when target_polarity is null then 'no_polarity'
                    when target_band = 'green' and target_polarity = 'higher_is_better' then 'at_least'
                    when target_band = 'green' then 'at_most'
                    when target_polarity = 'higher_is_better' then 'less_than'
                    else 'greater_than'
                end
            when compact_text like '<%' then 'less_than'
            when compact_text like 'morethan+/-%' then 'outside_range'
            when compact_text like '+/-%of%' then 'within_range'
            when compact_text like '+/-%' then 'within_range'
            when compact_text like '%+aboverangelimit' then 'outside_range'
            when compact_text like '%above/belowrangelimit' then 'otherwise'
            when {{ regexp_matches('compact_text', '^[0-9.]+-[0-9.]+$') }} then 'within_range'
            when compact_text like '%>' then 'at_least'
            when compact_text like '%+' then 'at_least'
            when compact_text like '%<' then 'less_than'
            when compact_text in ('n/a', '-', '', 'na', 'tbc') then 'not_set'
            else 'not_parsed'
        end as comparator,
        case
            when {{ regexp_matches('compact_text', '^[0-9.]+$') }} then
                case when target_band <> 'amber' and (target_band = 'green') = (target_polarity = 'higher_is_better') then first_number end
            when compact_text like 'morethan+/-%' then green_centre - first_number
            when compact_text like '+/-%of%' then plus_minus_centre - first_number
            when compact_text like '+/-%' then green_centre - first_number
            when compact_text like '%+aboverangelimit' then green_first_number - first_number
            when {{ regexp_matches('compact_text', '^[0-9.]+-[0-9.]+$') }} then first_number
            when compact_text like '<%' then null
            when compact_text like '%>' or compact_text like '%+' then first_number
        end as lower_bound,
        case
            when {{ regexp_matches('compact_text', '^[0-9.]+$') }} then
                case when target_band <> 'amber' and (target_band = 'green') <> (target_polarity = 'higher_is_better') then first_number end
            when compact_text like 'morethan+/-%' then green_centre + first_number
            when compact_text like '+/-%of%' then plus_minus_centre + first_number
            when compact_text like '+/-%' then green_centre + first_number
            when compact_text like '%+aboverangelimit' then green_range_upper + first_number
            when {{ regexp_matches('compact_text', '^[0-9.]+-[0-9.]+$') }} then range_upper
            when compact_text like '<%' or compact_text like '%<' then first_number
        end as upper_bound,
        case
            when compact_text like '%+aboverangelimit' then false
            when {{ regexp_matches('compact_text', '^[0-9.]+$') }} then target_band = 'green'
            else true
        end as lower_inclusive,
        case
            when {{ regexp_matches('compact_text', '^[0-9.]+$') }} then target_band = 'green'
            when compact_text like '<%' or (compact_text like '%<' and compact_text not like '%range%') then false
            when compact_text like '%+aboverangelimit' then false
            else true
        end as upper_inclusive,
        (compact_text like 'morethan+/-%' or compact_text like '%+aboverangelimit') as is_outside
    from row_context
    where target_band in ('red', 'amber', 'green')

),

single_targets as (

    -- a single printed target, read with the row's printed polarity
    select * from row_context
    where target_band = 'target'
        and first_number is not null
        and target_polarity is not null

),

single_target_bands as (

    select
        document, family, council, edition_date, indicator_code, period_key, org_unit_code,
        band.band,
        target_text,
        true as is_derived,
        page,
        source_cell_id,
        case
            when band.band = 'amber' then 'equal_to'
            when (band.band = 'green') = (target_polarity = 'higher_is_better') then 'greater_than'
            else 'less_than'
        end as comparator,
        case
            when band.band = 'amber' then first_number
            when (band.band = 'green') = (target_polarity = 'higher_is_better') then first_number
        end as lower_bound,
        case
            when band.band = 'amber' then first_number
            when (band.band = 'green') <> (target_polarity = 'higher_is_better') then first_number
        end as upper_bound,
        band.band = 'amber' as lower_inclusive,
        band.band = 'amber' as upper_inclusive,
        false as is_outside
    from single_targets
    cross join (
        select 'green' as band union all select 'amber' as band union all select 'red' as band
    ) as band

),

unparsed_single_targets as (

    select
        document, family, council, edition_date, indicator_code, period_key, org_unit_code,
        target_band as band,
        target_text,
        false as is_derived,
        page,
        source_cell_id,
        case
            when lower(trim(target_text)) in ('n/a', '-', '', 'tbc') then 'not_set'
            when first_number is not null then 'no_polarity'
            else 'not_parsed'
        end as comparator,
        cast(null as {{ type_double() }}) as lower_bound,
        cast(null as {{ type_double() }}) as upper_bound,
        cast(null as boolean) as lower_inclusive,
        cast(null as boolean) as upper_inclusive,
        false as is_outside
    from row_context
    where target_band = 'target'
        and (first_number is null or target_polarity is null)

),

unioned as (

    select * from banded
    union all
    select * from single_target_bands
    union all
    select * from unparsed_single_targets

),

final as (

    select
        {{ dbt.hash(dbt.concat(["document", "'|'", "indicator_code", "'|'", "period_key", "'|'", "org_unit_code", "'|'", "band"])) }} as target_id,
        *,
        comparator not in ('not_set', 'not_parsed', 'no_polarity') as is_usable
    from unioned

)

select * from final
