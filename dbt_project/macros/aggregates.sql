{#-
  The value of `expr` from the first row of a group in the given order, as an aggregate: one
  hash aggregate instead of ranking every row with row_number() over a window and keeping rank 1
  (a window sorts whole rows; at millions of cells that was the slowest step of the build).
  Ties are broken arbitrarily, as by row_number(); put a unique column last for a fixed choice.
-#}
{% macro first_by(expr, order_by) -%}
    {{ return(adapter.dispatch('first_by', 'csc_warehouse')(expr, order_by)) }}
{%- endmacro %}

{% macro default__first_by(expr, order_by) -%}
    first({{ expr }} order by {{ order_by }})
{%- endmacro %}

{% macro postgres__first_by(expr, order_by) -%}
    (array_agg({{ expr }} order by {{ order_by }}))[1]
{%- endmacro %}
