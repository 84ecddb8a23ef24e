-- Values that cannot be what their indicator measures (macros/plausibility.sql): a percentage
-- above 100, a negative count, a count with a fraction. Each is kept here with its provenance
-- and the reason, and no mart shows it as a number: int_indicator_value_statuses blanks it (the
-- scorecard shows "check source" with the printed text) and fct_scorecard leaves such
-- benchmarks out. Indicator values and benchmarks alike.
with indicators as (

    select * from {{ ref('indicators') }}

),

indicator_values as (

    select
        v.indicator_value_id as quarantined_value_id,
        'indicator_value' as value_kind,
        v.document, v.family, v.council, v.indicator_code, v.period_key, v.org_unit_code,
        cast(null as {{ dbt.type_string() }}) as benchmark_type,
        v.value, v.value_text, i.unit,
        {{ implausibility_reason('v.value', 'i.unit') }} as quarantine_reason,
        v.page, v.table_id, v.source_row_label, v.source_column_label
    from {{ ref('int_indicator_values') }} as v
    inner join indicators as i on v.indicator_code = i.indicator_code

),

benchmark_values as (

    select
        b.benchmark_value_id as quarantined_value_id,
        'benchmark' as value_kind,
        b.document, b.family, b.council, b.indicator_code,
        cast(null as {{ dbt.type_string() }}) as period_key,
        b.comparator_org_unit_code as org_unit_code,
        b.benchmark_type,
        b.value, b.value_text, i.unit,
        {{ implausibility_reason('b.value', 'i.unit') }} as quarantine_reason,
        b.page, b.table_id, b.source_row_label, b.source_column_label
    from {{ ref('int_benchmark_values') }} as b
    inner join indicators as i on b.indicator_code = i.indicator_code

),

checked as (

    select * from indicator_values
    union all
    select * from benchmark_values

)

select * from checked
where quarantine_reason is not null
