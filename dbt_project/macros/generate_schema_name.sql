{#-
  Plain schema names in the warehouse: a model configured with +schema: marts is built in
  `marts`, not `main_marts`. Without a custom schema the target schema (main) is used.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
