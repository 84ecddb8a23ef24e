{#- Date helpers built on dbt's cross-database macros. -#}

{% macro make_date(year_expr, month_expr, day_expr) -%}
    {{ return(adapter.dispatch('make_date', 'csc_warehouse')(year_expr, month_expr, day_expr)) }}
{%- endmacro %}

{% macro default__make_date(year_expr, month_expr, day_expr) -%}
    make_date(cast({{ year_expr }} as {{ dbt.type_int() }}), cast({{ month_expr }} as {{ dbt.type_int() }}), cast({{ day_expr }} as {{ dbt.type_int() }}))
{%- endmacro %}


{#- A date plus n months, as a date (dbt.dateadd returns a timestamp on some adapters). -#}
{% macro add_months(date_expr, months) -%}
    cast({{ dbt.dateadd('month', months, date_expr) }} as date)
{%- endmacro %}

{% macro add_days(date_expr, days) -%}
    cast({{ dbt.dateadd('day', days, date_expr) }} as date)
{%- endmacro %}

{% macro month_start(date_expr) -%}
    cast({{ dbt.date_trunc('month', date_expr) }} as date)
{%- endmacro %}

{% macro month_end(date_expr) -%}
    cast({{ dbt.last_day(date_expr, 'month') }} as date)
{%- endmacro %}


{#- The calendar year in which the financial year (April-March) of a date starts. -#}
{% macro fy_start_year(date_expr) -%}
    (extract(year from {{ date_expr }}) - case when extract(month from {{ date_expr }}) < 4 then 1 else 0 end)
{%- endmacro %}

{#- The calendar year in which the academic year (September-August) of a date starts. -#}
{% macro ay_start_year(date_expr) -%}
    (extract(year from {{ date_expr }}) - case when extract(month from {{ date_expr }}) < 9 then 1 else 0 end)
{%- endmacro %}


{#- 1..12 from a month name or abbreviation ("Sept", "June", "oct", "FEB"); null otherwise. -#}
{% macro month_number(token_expr) -%}
    case lower(substr(trim({{ token_expr }}), 1, 3))
        when 'jan' then 1 when 'feb' then 2 when 'mar' then 3 when 'apr' then 4
        when 'may' then 5 when 'jun' then 6 when 'jul' then 7 when 'aug' then 8
        when 'sep' then 9 when 'oct' then 10 when 'nov' then 11 when 'dec' then 12
    end
{%- endmacro %}

{% macro month_abbreviation(month_expr) -%}
    case cast({{ month_expr }} as {{ dbt.type_int() }})
        when 1 then 'Jan' when 2 then 'Feb' when 3 then 'Mar' when 4 then 'Apr'
        when 5 then 'May' when 6 then 'Jun' when 7 then 'Jul' when 8 then 'Aug'
        when 9 then 'Sep' when 10 then 'Oct' when 11 then 'Nov' when 12 then 'Dec'
    end
{%- endmacro %}

{#- "Dec 2020" -#}
{% macro month_label(date_expr) -%}
    {{ dbt.concat([month_abbreviation('extract(month from ' ~ date_expr ~ ')'), "' '", dbt.safe_cast('extract(year from ' ~ date_expr ~ ')', dbt.type_string())]) }}
{%- endmacro %}

{#- "1 Sep 2020" -#}
{% macro day_label(date_expr) -%}
    {{ dbt.concat([dbt.safe_cast('extract(day from ' ~ date_expr ~ ')', dbt.type_string()), "' '", month_label(date_expr)]) }}
{%- endmacro %}

{#- "2019/20" for the year a financial or academic year starts in. -#}
{% macro year_span_label(start_year_expr) -%}
    {{ dbt.concat([dbt.safe_cast(start_year_expr, dbt.type_string()), "'/'", "right(" ~ dbt.safe_cast('(' ~ start_year_expr ~ ') + 1', dbt.type_string()) ~ ", 2)"]) }}
{%- endmacro %}
