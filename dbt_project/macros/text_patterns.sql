{#-
  Regular-expression helpers. dbt has no cross-database regex macros, so these dispatch:
  the default implementation is DuckDB's (also Spark / Databricks spelling); Postgres has
  its own. Patterns are POSIX-style and must not contain single quotes.
-#}

{% macro regexp_extract(expr, pattern, group=0) -%}
    {{ return(adapter.dispatch('regexp_extract', 'csc_warehouse')(expr, pattern, group)) }}
{%- endmacro %}

{% macro default__regexp_extract(expr, pattern, group) -%}
    nullif(regexp_extract({{ expr }}, '{{ pattern }}', {{ group }}), '')
{%- endmacro %}

{% macro postgres__regexp_extract(expr, pattern, group) -%}
    {%- if group == 0 -%}
    substring({{ expr }} from '{{ pattern }}')
    {%- else -%}
    (regexp_match({{ expr }}, '{{ pattern }}'))[{{ group }}]
    {%- endif -%}
{%- endmacro %}


{% macro regexp_matches(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_matches', 'csc_warehouse')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regexp_matches(expr, pattern) -%}
    coalesce(regexp_matches({{ expr }}, '{{ pattern }}'), false)
{%- endmacro %}

{% macro postgres__regexp_matches(expr, pattern) -%}
    coalesce(({{ expr }}) ~ '{{ pattern }}', false)
{%- endmacro %}


{% macro regexp_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'csc_warehouse')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}


{#- A label in the form labels are compared in: lower case, & read as "and", punctuation
    other than % dropped, whitespace collapsed (the grader's normalisation). -#}
{% macro normalise_label(expr) -%}
    trim({{ regexp_replace_all(
        regexp_replace_all(
            "replace(lower(coalesce(" ~ expr ~ ", '')), '&', ' and ')",
            '[^a-z0-9%]+', ' '),
        ' +', ' ') }})
{%- endmacro %}


{#- The first number in a text ("12.3% (2017)" -> 12.3), as a float. -#}
{% macro first_number(expr) -%}
    {{ dbt.safe_cast(regexp_extract("replace(" ~ expr ~ ", ',', '')", '-?[0-9]+([.][0-9]+)?', 0), type_double()) }}
{%- endmacro %}


{#- Whether a normalised label ends with another at a word boundary ("csc east burnley" ends
    with "burnley", not with "nley"). -#}
{% macro ends_with_words(expr, ending) -%}
    (right(' ' || {{ expr }}, length({{ ending }}) + 1) = ' ' || {{ ending }})
{%- endmacro %}


{#- The RAG colour a status cell prints as a whole word or letter ("Red", "AMBER", "g"), else
    null. -#}
{% macro rag_word(expr) -%}
    case lower(trim(coalesce({{ expr }}, '')))
        when 'red' then 'red'
        when 'r' then 'red'
        when 'amber' then 'amber'
        when 'a' then 'amber'
        when 'green' then 'green'
        when 'g' then 'green'
    end
{%- endmacro %}


{#- The whole words two texts begin with ("CSC EAST Burnley", "CSC EAST Pendle" -> "CSC EAST");
    empty when their first words differ. -#}
{% macro common_word_prefix(first, second) -%}
    array_to_string(list_slice(
        string_split({{ first }}, ' '),
        1,
        coalesce(
            list_position(
                list_transform(
                    range(1, len(string_split({{ first }}, ' ')) + 1),
                    lambda i: string_split({{ first }}, ' ')[i] is distinct from string_split({{ second }}, ' ')[i]),
                true),
            len(string_split({{ first }}, ' ')) + 1) - 1), ' ')
{%- endmacro %}
