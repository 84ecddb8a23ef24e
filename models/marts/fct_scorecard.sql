-- The scorecard: per council, org unit, indicator and reporting period (the latest month,
-- quarter or as-at date each report edition prints for the indicator), the value with the two
-- periods before it, the year to date, the direction of travel computed from the polarity
-- beside the arrow the report printed, the RAG status computed from the report's targets
-- beside the colour it printed, the benchmarks, a polarity-aware quartile band, and the
-- source document and page. When two editions report the same period, the newer one is kept.
-- A quarantined value (int_quarantined_values) is a row with no number: its printed text and
-- quarantine_reason, for the scorecards to show as "check source"; quarantined benchmarks are
-- left out.
-- CTEs over every value are `not materialized`: DuckDB would otherwise hold a CTE that is read
-- twice in memory (gigabytes at warehouse scale); each reader scans the table again instead.
with statuses as not materialized (

    select * from {{ ref('int_indicator_value_statuses') }}

),

indicators as (

    select * from {{ ref('indicators') }}

),

org_units as (

    select * from {{ ref('org_units') }}

),

periods as (

    select * from {{ ref('int_periods') }}

),

benchmark_values as (

    select * from {{ ref('int_benchmark_values') }}
    where value is not null
        and benchmark_value_id not in (
            select quarantined_value_id from {{ ref('int_quarantined_values') }} where value_kind = 'benchmark'
        )

),

documents as (

    select document, loaded_at from {{ ref('stg_raw__source_documents') }}

),

candidates as not materialized (

    select
        s.*,
        d.loaded_at as document_loaded_at,
        case
            when s.period_type = nullif(i.headline_period_type, '') then 0
            when s.period_type = 'month' then 1
            when s.period_type = 'quarter' then 2
            when s.period_type = 'rolling_12_months' then 3
            when s.period_type = 'six_months' then 4
            when s.period_type = 'financial_year_to_date' then 5
            when s.period_type = 'snapshot' then 6
            when s.period_type = 'date_range' then 7
            when s.period_type = 'academic_term' then 8
            when s.period_type = 'financial_year' then 9
            else 10
        end as period_type_rank
    from statuses as s
    left join indicators as i on s.indicator_code = i.indicator_code
    left join documents as d on s.document = d.document
    where s.value is not null or s.quarantine_reason is not null

),

reporting_period_keys as (

    -- each edition's latest period for each indicator and org unit
    select
        document, indicator_code, org_unit_code,
        {{ first_by('period_key', 'period_end desc, period_type_rank, period_start desc') }} as period_key
    from candidates
    group by 1, 2, 3

),

newest_edition_keys as (

    -- of the editions reporting a period, the newest
    select
        c.indicator_code, c.org_unit_code, c.period_key,
        {{ first_by('c.document', 'c.edition_date desc, c.document_loaded_at desc, c.document desc') }} as document
    from candidates as c
    inner join reporting_period_keys as r
        on c.document = r.document
        and c.indicator_code = r.indicator_code
        and c.org_unit_code = r.org_unit_code
        and c.period_key = r.period_key
    group by 1, 2, 3

),

newest_edition as (

    select c.*
    from candidates as c
    inner join newest_edition_keys as n
        on c.document = n.document
        and c.indicator_code = n.indicator_code
        and c.org_unit_code = n.org_unit_code
        and c.period_key = n.period_key

),

year_to_date as (

    select document, indicator_code, org_unit_code, period_end, value as ytd_value
    from statuses
    where period_type = 'financial_year_to_date'
        and value is not null

),

latest_values as (

    select indicator_code, period_key, org_unit_code, value as latest_value, document as latest_document
    from statuses
    where is_latest

),

benchmarks_ranked as (

    select
        *,
        row_number() over (
            partition by document, indicator_code, benchmark_type
            order by vintage desc nulls last, page
        ) as vintage_rank
    from benchmark_values

),

document_benchmarks as (

    select
        document,
        indicator_code,
        max(case when benchmark_type = 'sn_average' then value end) as sn_average,
        max(case when benchmark_type = 'sn_average' then aggregation_evidence end) as sn_average_evidence,
        max(case when benchmark_type = 'best_sn' then value end) as best_sn,
        max(case when benchmark_type = 'england_average' then value end) as england_average,
        max(case when benchmark_type = 'regional_average' then value end) as regional_average,
        max(case when benchmark_type = 'national_top_quartile' then value end) as national_top_quartile,
        max(vintage) as benchmark_vintage
    from benchmarks_ranked
    where vintage_rank = 1
    group by 1, 2

),

council_benchmarks as (

    -- a council's most recent printed benchmarks for an indicator, for scorecard rows from a
    -- document that prints none (Annex A)
    select *
    from (
        select
            b.*,
            d.council_org_unit_code,
            row_number() over (
                partition by d.council_org_unit_code, b.indicator_code
                order by d.edition_date desc, b.document desc
            ) as recency_rank
        from document_benchmarks as b
        inner join (
            select distinct document, council_org_unit_code, edition_date from statuses
        ) as d on b.document = d.document
    ) as ranked
    where recency_rank = 1

),

assembled as (

    select
        n.*,
        i.indicator_name,
        i.domain,
        i.unit as indicator_unit,
        o.org_unit_name,
        o.sort_order as org_unit_sort_order,
        parent.org_unit_name as parent_org_unit_name,
        council.org_unit_name as council_name,
        p.period_label,
        prev.period_label as previous_period_label,
        prev2.period_label as period_2_label,
        case when n.period_type = 'financial_year_to_date' then n.value else y.ytd_value end as ytd_value,
        l.latest_value,
        l.latest_document,
        coalesce(db.sn_average, cb.sn_average) as sn_average,
        coalesce(db.sn_average_evidence, cb.sn_average_evidence) as sn_average_evidence,
        coalesce(db.best_sn, cb.best_sn) as best_sn,
        coalesce(db.england_average, cb.england_average) as england_average,
        coalesce(db.regional_average, cb.regional_average) as regional_average,
        coalesce(db.national_top_quartile, cb.national_top_quartile) as national_top_quartile,
        coalesce(db.benchmark_vintage, cb.benchmark_vintage) as benchmark_vintage,
        case
            when db.document is not null then 'same_document'
            when cb.document is not null then cb.document
        end as benchmark_source
    from newest_edition as n
    left join indicators as i on n.indicator_code = i.indicator_code
    left join org_units as o on n.org_unit_code = o.org_unit_code
    left join org_units as parent on o.parent_org_unit_code = parent.org_unit_code
    left join org_units as council on n.council_org_unit_code = council.org_unit_code
    left join periods as p on n.period_key = p.period_key
    left join periods as prev on n.previous_period_key = prev.period_key
    left join periods as prev2 on n.period_2_key = prev2.period_key
    left join year_to_date as y
        on n.document = y.document
        and n.indicator_code = y.indicator_code
        and n.org_unit_code = y.org_unit_code
        and n.period_end = y.period_end
    left join latest_values as l
        on n.indicator_code = l.indicator_code
        and n.period_key = l.period_key
        and n.org_unit_code = l.org_unit_code
    left join document_benchmarks as db
        on n.document = db.document
        and n.indicator_code = db.indicator_code
    left join council_benchmarks as cb
        on n.council_org_unit_code = cb.council_org_unit_code
        and n.indicator_code = cb.indicator_code

),

final as (

    select
        {{ dbt.hash(dbt.concat(["indicator_code", "'|'", "org_unit_code", "'|'", "period_key"])) }} as scorecard_id,
        coalesce(council_name, council) as council,
        council_org_unit_code,
        org_unit_code,
        org_unit_name,
        org_unit_sort_order,
        parent_org_unit_name,
        indicator_code,
        indicator_name,
        domain,
        effective_polarity as polarity,
        indicator_polarity,
        coalesce(unit, indicator_unit) as unit,
        period_key,
        period_type,
        period_label,
        period_start,
        period_end,
        value,
        value_text,
        quarantine_reason,
        numerator,
        denominator,
        previous_value,
        previous_period_label,
        previous_value_source,
        value_2_periods_ago,
        period_2_label,
        ytd_value,
        movement,
        direction,
        printed_direction,
        printed_direction_meaning,
        case
            when printed_direction_meaning is null or coalesce(direction, movement) is null then null
            else printed_direction_meaning = coalesce(direction, movement)
        end as direction_matches_print,
        rag_status,
        printed_rag,
        case when printed_rag is null or rag_status is null then null else printed_rag = rag_status end as rag_matches_print,
        target_text,
        sn_average,
        sn_average_evidence as sn_aggregation_evidence,
        best_sn,
        england_average,
        regional_average,
        national_top_quartile,
        benchmark_vintage,
        benchmark_source,
        -- A: at or better than the national top-quartile threshold; below it only "B-D" can be
        -- said, as no report prints the median or lower-quartile thresholds
        case
            when national_top_quartile is null or value is null then null
            when effective_polarity = 'higher_is_better' and value >= national_top_quartile then 'A'
            when effective_polarity = 'lower_is_better' and value <= national_top_quartile then 'A'
            when effective_polarity in ('higher_is_better', 'lower_is_better') then 'B-D'
        end as quartile_band,
        latest_value,
        latest_value is not null and latest_value <> value as is_restated,
        latest_document,
        document as source_document,
        page as source_page,
        family,
        edition_date,
        row_number() over (
            partition by org_unit_code, indicator_code
            order by period_end desc, edition_date desc
        ) = 1 as is_latest_period
    from assembled

)

select * from final
