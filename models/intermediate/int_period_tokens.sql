-- Every distinct way a cell names its period (the printed token, the header or row section
-- around it, the basis from the crosswalk or the row, the document's edition) resolved to a
-- period: type, first and last day. Tokens: "Oct-20", "FEB 18", "Sept" (in the edition's
-- financial year), "YTD" / a YTD row (financial year to date), "2019/20" or "2019 / 20"
-- (financial year, or academic year in an academic section), "Autumn Term (2019/20)",
-- "2016" under "At 31st March" (snapshot 31 March) or alone (year to 31 March), an empty token
-- (as at the edition date, or the first of the edition's month for Annex A); status cells
-- (printed RAG, direction arrow, targets) are for the edition's month. A basis
-- (fytd, rolling_12_months, six_months, last_full_month, month, quarter, snapshot,
-- date_range_from:YYYY-MM-DD) then widens or moves a month or as-at period.
with tokens as (

    select distinct
        edition_date,
        as_at_rule,
        coalesce(period_token, '') as period_token,
        coalesce(period_column_context, '') as period_column_context,
        coalesce(period_row_context, '') as period_row_context,
        coalesce(period_basis, '') as period_basis
    from {{ ref('int_report_cells__mapped') }}
    where cell_role in ('value', 'numerator', 'denominator', 'printed_rag', 'printed_direction', 'target', 'benchmark')
        and period_token is not null

),

parsed as (

    select
        *,
        case when as_at_rule = 'edition_month_start' then {{ month_start('edition_date') }} else edition_date end as as_at_date,
        {{ fy_start_year('edition_date') }} as edition_fy_start_year,
        trim(period_token) as token,
        -- "Oct-20", "FEB 18", "June 2018"
        {{ month_number(regexp_extract('trim(period_token)', '^([A-Za-z]{3,9})[- ]?([0-9]{2}|[0-9]{4})$', 1)) }} as token_month,
        {{ dbt.safe_cast(regexp_extract('trim(period_token)', '^[A-Za-z]{3,9}[- ]?([0-9]{2}|[0-9]{4})$', 1), dbt.type_int()) }} as token_month_year,
        -- "Sept", "April" (a month of the edition's financial year)
        case when {{ regexp_matches('trim(period_token)', '^[A-Za-z]{3,9}$') }} then {{ month_number('period_token') }} end as token_bare_month,
        -- "2019/20", "2020 / 21", "2015/ 16"
        {{ dbt.safe_cast(regexp_extract('trim(period_token)', '^([0-9]{4})[[:space:]]*/[[:space:]]*[0-9]{2}$', 1), dbt.type_int()) }} as token_year_span_start,
        -- the year span of the header or section around a YTD token
        {{ dbt.safe_cast(regexp_extract("period_column_context || ' ' || period_row_context", '([0-9]{4})[[:space:]]*/[[:space:]]*[0-9]{2}', 1), dbt.type_int()) }} as context_year_span_start,
        -- "Autumn Term (2019/20)"
        lower({{ regexp_extract('trim(period_token)', '^(Autumn|Spring|Summer|autumn|spring|summer|AUTUMN|SPRING|SUMMER) [Tt][Ee][Rr][Mm] [(]([0-9]{4})[[:space:]]*/[[:space:]]*[0-9]{2}[)]$', 1) }}) as token_term,
        {{ dbt.safe_cast(regexp_extract('trim(period_token)', '^[A-Za-z]+ [A-Za-z]+ [(]([0-9]{4})[[:space:]]*/[[:space:]]*[0-9]{2}[)]$', 1), dbt.type_int()) }} as token_term_year,
        -- "2016"
        {{ dbt.safe_cast(regexp_extract('trim(period_token)', '^([0-9]{4})$', 1), dbt.type_int()) }} as token_year,
        upper(period_row_context) like '%ACADEMIC%' as in_academic_section,
        upper(period_row_context) = 'YTD' as in_ytd_section,
        lower(period_row_context || ' ' || period_column_context) like '%31st march%'
            or lower(period_row_context || ' ' || period_column_context) like '%31 march%' as in_31_march_section
    from tokens

),

base_periods as (

    select
        *,
        case
            when token = '' then 'snapshot'
            when token = '@latest_published' then 'financial_year'
            when token = '@same_period_last_year' then 'month'
            when token = '@edition_month' then 'month'
            when upper(token) = 'YTD' then 'financial_year_to_date'
            when token_month is not null and token_month_year is not null then 'month'
            when token_bare_month is not null then 'month'
            when token_year_span_start is not null and in_ytd_section then 'financial_year_to_date'
            when token_year_span_start is not null and in_academic_section then 'academic_year'
            when token_year_span_start is not null then 'financial_year'
            when token_term is not null then 'academic_term'
            when token_year is not null and in_31_march_section then 'snapshot'
            when token_year is not null then 'financial_year'
        end as base_type,
        case
            when token = '' then as_at_date
            when token = '@latest_published' then {{ make_date('edition_fy_start_year - 1', 4, 1) }}
            when token = '@same_period_last_year' then {{ add_months(month_start('edition_date'), -12) }}
            when token = '@edition_month' then {{ month_start('edition_date') }}
            when upper(token) = 'YTD' then {{ make_date('coalesce(context_year_span_start, edition_fy_start_year)', 4, 1) }}
            when token_month is not null and token_month_year is not null then
                {{ make_date('case when token_month_year < 100 then 2000 + token_month_year else token_month_year end', 'token_month', 1) }}
            when token_bare_month is not null then
                {{ make_date('edition_fy_start_year + case when token_bare_month < 4 then 1 else 0 end', 'token_bare_month', 1) }}
            when token_year_span_start is not null and in_academic_section then {{ make_date('token_year_span_start', 9, 1) }}
            when token_year_span_start is not null then {{ make_date('token_year_span_start', 4, 1) }}
            when token_term = 'autumn' then {{ make_date('token_term_year', 9, 1) }}
            when token_term = 'spring' then {{ make_date('token_term_year + 1', 1, 1) }}
            when token_term = 'summer' then {{ make_date('token_term_year + 1', 4, 1) }}
            when token_year is not null and in_31_march_section then {{ make_date('token_year', 3, 31) }}
            when token_year is not null then {{ make_date('token_year - 1', 4, 1) }}
        end as base_start
    from parsed

),

base_ends as (

    select
        *,
        case base_type
            when 'snapshot' then base_start
            when 'month' then {{ month_end('base_start') }}
            when 'financial_year' then {{ add_days(add_months('base_start', 12), -1) }}
            when 'academic_year' then {{ add_days(add_months('base_start', 12), -1) }}
            when 'academic_term' then
                case token_term
                    when 'autumn' then {{ make_date('token_term_year', 12, 31) }}
                    when 'spring' then {{ make_date('token_term_year + 1', 3, 31) }}
                    when 'summer' then {{ make_date('token_term_year + 1', 8, 31) }}
                end
            when 'financial_year_to_date' then
                case
                    when {{ month_end('edition_date') }} < {{ add_days(add_months('base_start', 12), -1) }}
                        then {{ month_end('edition_date') }}
                    else {{ add_days(add_months('base_start', 12), -1) }}
                end
        end as base_end
    from base_periods

),

with_reference as (

    -- the last day a basis window ends on: a month's last day, or the as-at date
    -- (the day before it when data is "as at" the first of a month)
    select
        *,
        case
            when base_type = 'snapshot' and as_at_rule = 'edition_month_start' then {{ add_days('base_end', -1) }}
            else base_end
        end as reference_end,
        case
            when period_basis like 'date_range_from:%' then 'date_range'
            when base_type not in ('month', 'snapshot') or period_basis = '' then null
            when period_basis = 'fytd' then 'financial_year_to_date'
            when period_basis = 'rolling_12_months' then 'rolling_12_months'
            when period_basis = 'six_months' then 'six_months'
            when period_basis in ('last_full_month', 'month') then 'month'
            when period_basis = 'quarter' then 'quarter'
            when period_basis = 'snapshot' then 'snapshot'
        end as basis_type
    from base_ends

),

resolved as (

    select
        *,
        coalesce(basis_type, base_type) as period_type,
        case basis_type
            when 'financial_year_to_date' then {{ make_date(fy_start_year('reference_end'), 4, 1) }}
            when 'rolling_12_months' then
                case when reference_end = {{ month_end('reference_end') }}
                    then {{ add_months(month_start('reference_end'), -11) }}
                    else {{ add_days(add_months('reference_end', -12), 1) }} end
            when 'six_months' then
                case when reference_end = {{ month_end('reference_end') }}
                    then {{ add_months(month_start('reference_end'), -5) }}
                    else {{ add_days(add_months('reference_end', -6), 1) }} end
            when 'month' then
                case when base_type = 'snapshot' and as_at_rule = 'edition_month_start'
                    then {{ month_start('reference_end') }}
                    else {{ month_start('base_end') }} end
            when 'quarter' then
                {{ make_date('extract(year from reference_end)', '(floor((extract(month from reference_end) - 1) / 3) * 3) + 1', 1) }}
            when 'snapshot' then reference_end
            when 'date_range' then {{ dbt.safe_cast("substr(period_basis, 17)", 'date') }}
            else base_start
        end as period_start,
        case basis_type
            when 'month' then
                case when base_type = 'snapshot' and as_at_rule = 'edition_month_start'
                    then {{ month_end('reference_end') }}
                    else {{ month_end('base_end') }} end
            when 'quarter' then {{ month_end('reference_end') }}
            else coalesce(reference_end, base_end)
        end as resolved_end
    from with_reference

),

final as (

    select
        edition_date,
        as_at_rule,
        period_token,
        period_column_context,
        period_row_context,
        period_basis,
        period_type,
        period_start,
        case when basis_type is null then base_end else resolved_end end as period_end,
        case
            when period_type is null or period_start is null then null
            else {{ dbt.concat(["period_type", "':'", dbt.safe_cast('period_start', dbt.type_string()), "':'",
                dbt.safe_cast('case when basis_type is null then base_end else resolved_end end', dbt.type_string())]) }}
        end as period_key
    from resolved

)

select * from final
