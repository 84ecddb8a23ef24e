-- Each indicator value with what is needed to judge it: the values of the two periods before
-- (from the same document, else the latest edition that prints them), the polarity that
-- applies (the one the report prints in the row, else the indicator's), the movement and the
-- direction of travel it implies, the RAG status computed from the document's targets, and
-- what the report printed beside it (RAG colour, arrow). A value that cannot be what its
-- indicator measures (int_quarantined_values) has no number here, only its printed text and
-- quarantine_reason: it is never ranked, compared or judged.
-- CTEs over every value are `not materialized`: DuckDB would otherwise hold a CTE that is read
-- twice in memory (gigabytes at warehouse scale); each reader scans the table again instead.
with indicator_values as not materialized (

    select
        v.* replace (case when q.quarantine_reason is null then v.value end as value),
        q.quarantine_reason
    from {{ ref('int_indicator_values') }} as v
    left join {{ ref('int_quarantined_values') }} as q on v.indicator_value_id = q.quarantined_value_id

),

indicators as (

    select indicator_code, polarity from {{ ref('indicators') }}

),

periods as (

    select * from {{ ref('int_periods') }}

),

targets as (

    select * from {{ ref('int_targets') }}

),

printed_statuses as (

    select * from {{ ref('int_printed_statuses') }}

),

-- The neighbour lookups below join every value to the values of its two periods before. On
-- the printed keys (document, indicator, org unit and period names) each lookup holds every
-- value's strings in memory, which at warehouse scale spills to disk; on integer ids numbered
-- here it holds four numbers a value.
document_ids as (

    select document, row_number() over (order by document) as document_id
    from (select distinct document from indicator_values) as documents

),

series_ids as (

    select indicator_code, org_unit_code, row_number() over (order by indicator_code, org_unit_code) as series_id
    from (select distinct indicator_code, org_unit_code from indicator_values) as series

),

numbered_periods as (

    select period_key, previous_period_key, row_number() over (order by period_key) as period_id
    from periods

),

period_links as (

    select
        p.period_key,
        p.period_id,
        p.previous_period_key,
        previous.period_id as previous_period_id,
        previous.previous_period_key as period_2_key,
        before_previous.period_id as period_2_id
    from numbered_periods as p
    left join numbered_periods as previous on p.previous_period_key = previous.period_key
    left join numbered_periods as before_previous on previous.previous_period_key = before_previous.period_key

),

keyed_values as not materialized (

    select
        v.*,
        d.document_id,
        s.series_id,
        l.period_id,
        l.previous_period_id,
        l.period_2_id,
        l.previous_period_key,
        l.period_2_key
    from indicator_values as v
    inner join document_ids as d on v.document = d.document
    inner join series_ids as s on v.indicator_code = s.indicator_code and v.org_unit_code = s.org_unit_code
    left join period_links as l on v.period_key = l.period_key

),

series_values as not materialized (

    select document_id, series_id, period_id, value from keyed_values

),

latest_values as not materialized (

    select series_id, period_id, value from keyed_values where is_latest

),

with_neighbours as (

    select
        v.* exclude (document_id, series_id, period_id, previous_period_id, period_2_id, previous_period_key, period_2_key),
        v.previous_period_key,
        v.period_2_key,
        coalesce(prev_same.value, prev_latest.value) as previous_value,
        case
            when prev_same.value is not null then 'same_document'
            when prev_latest.value is not null then 'latest_edition'
        end as previous_value_source,
        coalesce(prev2_same.value, prev2_latest.value) as value_2_periods_ago,
        coalesce(v.printed_polarity, i.polarity) as effective_polarity,
        i.polarity as indicator_polarity
    from keyed_values as v
    left join indicators as i on v.indicator_code = i.indicator_code
    left join series_values as prev_same
        on v.document_id = prev_same.document_id
        and v.series_id = prev_same.series_id
        and v.previous_period_id = prev_same.period_id
    left join latest_values as prev_latest
        on v.series_id = prev_latest.series_id
        and v.previous_period_id = prev_latest.period_id
    left join series_values as prev2_same
        on v.document_id = prev2_same.document_id
        and v.series_id = prev2_same.series_id
        and v.period_2_id = prev2_same.period_id
    left join latest_values as prev2_latest
        on v.series_id = prev2_latest.series_id
        and v.period_2_id = prev2_latest.period_id

),

band_tests as (

    select
        t.document,
        t.indicator_code,
        t.period_key,
        t.org_unit_code,
        t.band,
        t.is_usable,
        t.comparator,
        case
            when not t.is_usable or t.comparator = 'otherwise' or v.value is null then null
            when t.is_outside then not (
                (t.lower_bound is null or v.value > t.lower_bound or (t.lower_inclusive and v.value = t.lower_bound))
                and (t.upper_bound is null or v.value < t.upper_bound or (t.upper_inclusive and v.value = t.upper_bound))
            )
            else
                (t.lower_bound is null or v.value > t.lower_bound or (t.lower_inclusive and v.value = t.lower_bound))
                and (t.upper_bound is null or v.value < t.upper_bound or (t.upper_inclusive and v.value = t.upper_bound))
        end as is_met
    from targets as t
    inner join indicator_values as v
        on t.document = v.document
        and t.indicator_code = v.indicator_code
        and t.period_key = v.period_key
        and t.org_unit_code = v.org_unit_code

),

band_summary as (

    select
        document, indicator_code, period_key, org_unit_code,
        max(case when band = 'green' and is_usable then 1 else 0 end) = 1 as has_green,
        max(case when band = 'amber' and is_usable then 1 else 0 end) = 1 as has_amber,
        max(case when band = 'red' and is_usable then 1 else 0 end) = 1 as has_red,
        max(case when band = 'green' and is_met then 1 else 0 end) = 1 as green_met,
        max(case when band = 'red' and is_met then 1 else 0 end) = 1 as red_met
    from band_tests
    group by 1, 2, 3, 4

),

target_texts as (

    -- "Red <92% · Amber 92%> · Green 95%+" as printed, or "Target 90" for a single target
    select
        document, indicator_code, period_key, org_unit_code,
        case
            when max(case when is_derived then 1 else 0 end) = 1
                then {{ dbt.concat(["'Target '", "max(target_text)"]) }}
            else {{ dbt.concat([
                "coalesce('Red ' || max(case when band = 'red' then target_text end) || ' · ', '')",
                "coalesce('Amber ' || max(case when band = 'amber' then target_text end) || ' · ', '')",
                "coalesce('Green ' || max(case when band = 'green' then target_text end), '')"]) }}
        end as target_text
    from targets
    where is_usable
    group by 1, 2, 3, 4

),

judged as (

    select
        n.*,
        case
            when n.previous_value is null or n.value is null then null
            when n.value > n.previous_value then 'up'
            when n.value < n.previous_value then 'down'
            else 'same'
        end as movement,
        b.has_green,
        b.has_amber,
        b.has_red,
        case
            when n.value is null or b.document is null then null
            when not b.has_green and not b.has_red then null
            when b.green_met then 'green'
            when b.red_met then 'red'
            when b.has_amber then 'amber'
            when b.has_green and not b.has_red then 'red'
        end as rag_status,
        nullif(rtrim(tt.target_text, ' ·'), '') as target_text,
        s.printed_rag,
        s.printed_direction,
        s.printed_arrow
    from with_neighbours as n
    left join band_summary as b
        on n.document = b.document
        and n.indicator_code = b.indicator_code
        and n.period_key = b.period_key
        and n.org_unit_code = b.org_unit_code
    left join target_texts as tt
        on n.document = tt.document
        and n.indicator_code = tt.indicator_code
        and n.period_key = tt.period_key
        and n.org_unit_code = tt.org_unit_code
    left join printed_statuses as s
        on n.document = s.document
        and n.indicator_code = s.indicator_code
        and n.period_key = s.period_key
        and n.org_unit_code = s.org_unit_code

),

final as (

    select
        *,
        case
            when effective_polarity = 'higher_is_better' then
                case movement when 'up' then 'better' when 'down' then 'worse' when 'same' then 'same' end
            when effective_polarity = 'lower_is_better' then
                case movement when 'up' then 'worse' when 'down' then 'better' when 'same' then 'same' end
        end as direction,
        case
            when effective_polarity in ('higher_is_better', 'lower_is_better') then
                case printed_arrow when 'up' then 'better' when 'down' then 'worse' when 'level' then 'same' end
            else
                case printed_arrow when 'up' then 'up' when 'down' then 'down' when 'level' then 'same' end
        end as printed_direction_meaning
    from judged

)

select * from final
