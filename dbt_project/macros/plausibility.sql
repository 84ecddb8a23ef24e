{#-
  Why a value cannot be what its indicator measures, or null when it can: a percentage within
  0-100, a rate per 10,000 within 0-10,000, a count whole and not negative, days not negative,
  unless the indicator states its own range (indicators.min_value / max_value) or that its
  counts may be fractions (whole_numbers = false, as an average per month). `i` is the
  indicators seed's alias; `value` the value's expression.
-#}
{% macro implausibility_reason(value, unit, i='i') -%}
    {%- set lowest = "coalesce(" ~ i ~ ".min_value, case when " ~ unit ~ " in ('percent', 'rate_per_10k', 'count', 'days') then 0 end)" -%}
    {%- set highest = "coalesce(" ~ i ~ ".max_value, case " ~ unit ~ " when 'percent' then 100 when 'rate_per_10k' then 10000 end)" -%}
    case
        when {{ value }} is null then null
        when {{ value }} < {{ lowest }} or {{ value }} > {{ highest }} then
            {{ dbt.concat([
                number_text(value), "' is outside '",
                "coalesce(" ~ number_text(lowest) ~ ", 'no minimum')", "' to '",
                "coalesce(" ~ number_text(highest) ~ ", 'no maximum')",
                "' for a '", unit, "' indicator'"]) }}
        when {{ unit }} = 'count' and coalesce({{ i }}.whole_numbers, true) and {{ value }} <> round({{ value }}) then
            {{ dbt.concat([number_text(value), "' is not a whole number, for a count indicator'"]) }}
    end
{%- endmacro %}



{#- A number as text without a trailing ".0" (8823, not 8823.0). -#}
{% macro number_text(expr) -%}
    regexp_replace({{ dbt.safe_cast(expr, dbt.type_string()) }}, '[.]0$', '')
{%- endmacro %}
