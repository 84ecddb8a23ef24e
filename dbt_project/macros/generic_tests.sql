{#- Generic data tests this project needs (no dbt packages are available offline). -#}

{#- No two rows share the same values in these columns. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as rows_with_these_values
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}


{#- Every row satisfies the expression (rows where it is false are returned; null counts as false
    unless allow_null is set). -#}
{% test expression_is_true(model, expression, allow_null=false) %}
    select *
    from {{ model }}
    where
    {%- if allow_null %}
        not coalesce({{ expression }}, true)
    {%- else %}
        not coalesce({{ expression }}, false)
    {%- endif %}
{% endtest %}


{#- No row satisfies the condition: e.g. no unmapped labels. -#}
{% test no_rows_where(model, condition) %}
    select *
    from {{ model }}
    where {{ condition }}
{% endtest %}
