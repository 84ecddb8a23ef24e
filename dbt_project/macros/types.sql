{#- A double-precision float: type_double() is a 4-byte REAL on DuckDB, which turns 84.8 into 84.80000305. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'csc_warehouse')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro bigquery__type_double() -%}
    float64
{%- endmacro %}
