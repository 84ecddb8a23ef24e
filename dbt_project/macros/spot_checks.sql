{#-
  Spot checks: a value a reader finds in a report must be in the warehouse, as printed.
  Each check applies to the documents of the given family and edition that are loaded; it
  returns a row for each document where the value is missing or differs. A warehouse without
  that document passes (the check has nothing to look at).
-#}

{% macro spot_check_value(family, edition, indicator_code, period_key, org_unit_code, expected_value=none, expected_numerator=none, expected_denominator=none) %}

with documents as (

    select document
    from {{ ref('dim_source_document') }}
    where family = '{{ family }}'
        and edition_date = cast('{{ edition }}' as date)
        and load_status = 'loaded'

),

facts as (

    select f.*
    from {{ ref('fct_indicator_value') }} as f
    inner join documents as d on f.document = d.document
    where f.indicator_code = '{{ indicator_code }}'
        and f.period_key = '{{ period_key }}'
        and f.org_unit_code = '{{ org_unit_code }}'

),

problems as (

    select d.document, 'no value for {{ indicator_code }} / {{ period_key }} / {{ org_unit_code }}' as problem
    from documents as d
    where not exists (select 1 from facts as f where f.document = d.document)

    {% for column, expected in [('value', expected_value), ('numerator', expected_numerator), ('denominator', expected_denominator)] %}
    {% if expected is not none %}
    union all

    select document, {{ dbt.concat(["'" ~ column ~ " is '", "coalesce(" ~ dbt.safe_cast(column, dbt.type_string()) ~ ", 'null')", "', expected " ~ expected ~ "'"]) }} as problem
    from facts
    where {{ column }} is null or abs({{ column }} - {{ expected }}) > 0.000001
    {% endif %}
    {% endfor %}

)

select * from problems

{% endmacro %}
