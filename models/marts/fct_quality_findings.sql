-- Everything the checks found, one row per finding: printed RAG colours and arrows that differ
-- from the computed ones, percentages that do not equal numerator / denominator, years to
-- date that are not the sum of their months, values a document prints twice differently,
-- percentages outside 0-100, labels that could not be mapped, and documents that make far fewer
-- indicator values than their family's other editions. Findings are facts about
-- the reports (or the mapping), listed for review; the data tests over the checks warn.
with rag as (

    select
        'rag_mismatch' as check_name,
        document, indicator_code, period_key, org_unit_code, page,
        {{ dbt.concat(["'printed '", "coalesce(printed_rag, '-')", "', computed '", "coalesce(computed_rag, '-')", "' for '", "coalesce(value_text, '')", "' against '", "coalesce(target_text, '')"]) }} as detail
    from {{ ref('int_check__rag') }}
    where not rag_matches

),

direction as (

    select
        'direction_mismatch' as check_name,
        document, indicator_code, period_key, org_unit_code, page,
        {{ dbt.concat(["'printed '", "coalesce(printed_direction, '-')", "' ('", "coalesce(printed_direction_meaning, '-')", "'), computed '", "coalesce(computed_direction, movement, '-')", "' from '", dbt.safe_cast('previous_value', dbt.type_string()), "' to '", dbt.safe_cast('value', dbt.type_string())]) }} as detail
    from {{ ref('int_check__direction') }}
    where not direction_matches

),

ratio as (

    select
        'ratio_mismatch' as check_name,
        document, indicator_code, period_key, org_unit_code, page,
        {{ dbt.concat(["'printed '", "value_text", "', numerator / denominator '", dbt.safe_cast('numerator', dbt.type_string()), "' / '", dbt.safe_cast('denominator', dbt.type_string()), "' gives '", dbt.safe_cast('round(recomputed_value, 2)', dbt.type_string())]) }} as detail
    from {{ ref('int_check__ratio') }}
    where not ratio_matches

),

ytd as (

    select
        'ytd_sum_mismatch' as check_name,
        document, indicator_code, period_key, org_unit_code, page,
        {{ dbt.concat(["'printed YTD '", "ytd_value_text", "', sum of '", dbt.safe_cast('months_printed', dbt.type_string()), "' months '", dbt.safe_cast('sum_of_months', dbt.type_string())]) }} as detail
    from {{ ref('int_check__ytd_sum') }}
    where not ytd_matches

),

conflicts as (

    select
        'value_printed_twice_differently' as check_name,
        document, indicator_code, period_key, org_unit_code, kept_page as page,
        {{ dbt.concat(["'kept '", "kept_value_text", "' (page '", dbt.safe_cast('kept_page', dbt.type_string()), "'), also printed '", "other_value_text", "' (page '", dbt.safe_cast('other_page', dbt.type_string()), "', '", "other_table_id", "')'"]) }} as detail
    from {{ ref('int_check__value_conflicts') }}
    where not is_rounding_only

),

quarantined as (

    select
        'implausible_value' as check_name,
        document, indicator_code, period_key, org_unit_code, page,
        {{ dbt.concat(["value_kind", "' printed '", "value_text", "': '", "quarantine_reason"]) }} as detail
    from {{ ref('int_quarantined_values') }}

),

unmapped as (

    select
        {{ dbt.concat(["label_kind", "'_label_'", "status"]) }} as check_name,
        example_document as document,
        cast(null as {{ dbt.type_string() }}) as indicator_code,
        cast(null as {{ dbt.type_string() }}) as period_key,
        cast(null as {{ dbt.type_string() }}) as org_unit_code,
        example_page as page,
        {{ dbt.concat(["coalesce(table_id, '')", "coalesce(' (' || nullif(table_title, '') || ')', '')", "': '", "coalesce(source_code || ' ', '')", "coalesce(source_label, '')", "coalesce(' (' || note || ')', '')"]) }} as detail
    from {{ ref('int_unmapped_labels') }}
    where status in ('unmapped', 'ambiguous', 'unresolved')

),

low_yield as (

    select
        'low_indicator_yield' as check_name,
        document,
        cast(null as {{ dbt.type_string() }}) as indicator_code,
        cast(null as {{ dbt.type_string() }}) as period_key,
        cast(null as {{ dbt.type_string() }}) as org_unit_code,
        cast(null as integer) as page,
        {{ dbt.concat([dbt.safe_cast('indicator_values', dbt.type_string()), "' indicator values where the family''s other editions make '", dbt.safe_cast('family_median_indicator_values', dbt.type_string()), "' (median), '", dbt.safe_cast('unmapped_cells', dbt.type_string()), "' value cells mapped to nothing: check how its tables were read'"]) }} as detail
    from {{ ref('fct_document_yield') }}
    where low_yield

),

unioned as (

    select * from rag
    union all select * from direction
    union all select * from ratio
    union all select * from ytd
    union all select * from conflicts
    union all select * from quarantined
    union all select * from unmapped
    union all select * from low_yield

)

select
    {{ dbt.hash(dbt.concat(["check_name", "'|'", "coalesce(document, '')", "'|'", "coalesce(indicator_code, '')", "'|'", "coalesce(period_key, '')", "'|'", "coalesce(org_unit_code, '')", "'|'", "coalesce(detail, '')"])) }} as finding_id,
    *
from unioned
