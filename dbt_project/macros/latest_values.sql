{#-
  For each indicator, period and org unit of `values` (a relation or CTE of indicator values,
  or of the cells they are read from), the latest document: the newest edition that prints a
  number (`prints_number`, an expression over the row `c`), then the latest loaded.
  int_indicator_values ranks a build's values with it, and its post-hook below ranks the whole
  table again.
-#}
{% macro latest_documents(values, prints_number='c.value is not null or c.numerator is not null') -%}
    select
        c.indicator_code,
        c.period_key,
        c.org_unit_code,
        {{ first_by('c.document', "
            case when " ~ prints_number ~ " then 0 else 1 end,
            c.edition_date desc,
            d.loaded_at desc,
            c.document desc") }} as latest_document
    from {{ values }} as c
    left join {{ ref('stg_raw__source_documents') }} as d on c.document = d.document
    group by 1, 2, 3
{%- endmacro %}


{#-
  Post-hook of int_indicator_values: set is_latest again over the whole table. An incremental
  run inserts the values of new documents ranked among themselves only; a newer edition makes
  an older value stop being the latest, and a retired edition makes an older one the latest
  again. Only rows whose flag changes are written. A build that made the table afresh (the
  first, or --full-refresh) ranked every document together already: the hook is then empty,
  sparing a second ranking of every value (is_incremental() still sees the table as missing).
-#}
{% macro refresh_latest_values() -%}
    {%- if not is_incremental() -%}{{ return('') }}{%- endif -%}
    update {{ this }} as v
    set is_latest = (v.document = l.latest_document)
    from ({{ latest_documents(this) }}) as l
    where v.indicator_code = l.indicator_code
        and v.period_key = l.period_key
        and v.org_unit_code = l.org_unit_code
        and v.is_latest is distinct from (v.document = l.latest_document)
{%- endmacro %}
