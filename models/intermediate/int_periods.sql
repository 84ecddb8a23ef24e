-- Every period a report uses (from resolved cells), with a display label, the period before
-- it and the same period of the year before (keys built the way cells' keys are built).
with used as (

    select distinct period_type, period_start, period_end
    from {{ ref('int_report_cells__resolved') }}
    where period_key is not null

),

neighbours as (

    select
        period_type,
        period_start,
        period_end,
        -- the period before
        case period_type
            when 'month' then {{ add_months('period_start', -1) }}
            when 'quarter' then {{ add_months('period_start', -3) }}
            when 'financial_year' then {{ add_months('period_start', -12) }}
            when 'academic_year' then {{ add_months('period_start', -12) }}
            when 'financial_year_to_date' then
                case when {{ month_start('period_end') }} > period_start then period_start end
            when 'rolling_12_months' then {{ add_months('period_start', -1) }}
            when 'six_months' then {{ add_months('period_start', -6) }}
            when 'academic_term' then
                case extract(month from period_start)
                    when 9 then {{ make_date('extract(year from period_start)', 4, 1) }}
                    when 1 then {{ make_date('extract(year from period_start) - 1', 9, 1) }}
                    when 4 then {{ make_date('extract(year from period_start)', 1, 1) }}
                end
        end as previous_start,
        case period_type
            when 'month' then {{ add_days('period_start', -1) }}
            when 'quarter' then {{ add_days('period_start', -1) }}
            when 'financial_year' then {{ add_days('period_start', -1) }}
            when 'academic_year' then {{ add_days('period_start', -1) }}
            when 'financial_year_to_date' then
                case when {{ month_start('period_end') }} > period_start then {{ add_days(month_start('period_end'), -1) }} end
            when 'rolling_12_months' then {{ add_days(month_start('period_end'), -1) }}
            when 'six_months' then {{ add_days('period_start', -1) }}
            when 'academic_term' then {{ add_days('period_start', -1) }}
        end as previous_end,
        -- the same period a year earlier
        {{ add_months('period_start', -12) }} as last_year_start,
        case
            when period_end = {{ month_end('period_end') }} then {{ month_end(add_months('period_end', -12)) }}
            else {{ add_months('period_end', -12) }}
        end as last_year_end
    from used

),

keyed as (

    select
        {{ dbt.concat(["period_type", "':'", dbt.safe_cast('period_start', dbt.type_string()), "':'", dbt.safe_cast('period_end', dbt.type_string())]) }} as period_key,
        period_type,
        period_start,
        period_end,
        case when previous_start is not null then
            {{ dbt.concat(["period_type", "':'", dbt.safe_cast('previous_start', dbt.type_string()), "':'", dbt.safe_cast('previous_end', dbt.type_string())]) }}
        end as previous_period_key,
        {{ dbt.concat(["period_type", "':'", dbt.safe_cast('last_year_start', dbt.type_string()), "':'", dbt.safe_cast('last_year_end', dbt.type_string())]) }} as same_period_last_year_key,
        {{ fy_start_year('period_end') }} as financial_year_start,
        {{ ay_start_year('period_end') }} as academic_year_start
    from neighbours

),

labelled as (

    select
        *,
        case period_type
            when 'month' then {{ month_label('period_start') }}
            when 'quarter' then {{ dbt.concat(["'Q'", dbt.safe_cast('cast(floor(((extract(month from period_start) + 8) - 12 * floor((extract(month from period_start) + 8) / 12)) / 3) + 1 as ' ~ dbt.type_int() ~ ')', dbt.type_string()), "' '", year_span_label(fy_start_year('period_start'))]) }}
            when 'financial_year' then {{ year_span_label('extract(year from period_start)') }}
            when 'financial_year_to_date' then {{ dbt.concat([year_span_label('extract(year from period_start)'), "' YTD to '", month_label('period_end')]) }}
            when 'rolling_12_months' then {{ dbt.concat(["'12 months to '", month_label('period_end')]) }}
            when 'six_months' then
                case when period_end = {{ month_end('period_end') }}
                    then {{ dbt.concat(["'6 months to '", month_label('period_end')]) }}
                    else {{ dbt.concat(["'6 months to '", day_label('period_end')]) }} end
            when 'academic_year' then {{ dbt.concat(["'Academic year '", year_span_label('extract(year from period_start)')]) }}
            when 'academic_term' then {{ dbt.concat([
                "case extract(month from period_start) when 9 then 'Autumn' when 1 then 'Spring' else 'Summer' end",
                "' term '", year_span_label(ay_start_year('period_start'))]) }}
            when 'snapshot' then {{ dbt.concat(["'At '", day_label('period_start')]) }}
            when 'date_range' then {{ dbt.concat([day_label('period_start'), "' to '", day_label('period_end')]) }}
        end as period_label
    from keyed

)

select * from labelled
