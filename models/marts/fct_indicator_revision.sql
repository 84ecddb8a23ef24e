-- Values restated by a later edition: for an indicator, period and org unit printed by more
-- than one edition, each change from one edition to the next, with the old and new value and
-- both documents.
with indicator_values as (

    select
        *,
        lag(document) over (partition by indicator_code, period_key, org_unit_code order by edition_date, loaded_at, document) as previous_document,
        lag(edition_date) over (partition by indicator_code, period_key, org_unit_code order by edition_date, loaded_at, document) as previous_edition_date,
        lag(value) over (partition by indicator_code, period_key, org_unit_code order by edition_date, loaded_at, document) as previous_value,
        lag(value_text) over (partition by indicator_code, period_key, org_unit_code order by edition_date, loaded_at, document) as previous_value_text,
        lag(page) over (partition by indicator_code, period_key, org_unit_code order by edition_date, loaded_at, document) as previous_page
    from {{ ref('int_indicator_values') }}
    where value is not null

)

select
    {{ dbt.hash(dbt.concat(["indicator_code", "'|'", "period_key", "'|'", "org_unit_code", "'|'", "document"])) }} as revision_id,
    indicator_code,
    period_key,
    org_unit_code,
    council,
    previous_document as old_document,
    previous_edition_date as old_edition_date,
    previous_value as old_value,
    previous_value_text as old_value_text,
    previous_page as old_page,
    document as new_document,
    edition_date as new_edition_date,
    value as new_value,
    value_text as new_value_text,
    page as new_page,
    value - previous_value as change,
    is_latest as new_is_latest
from indicator_values
where previous_document is not null
    and value <> previous_value
