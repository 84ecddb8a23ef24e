-- One value per indicator, period, org unit and source document, with its provenance (page,
-- printed text, table and labels). is_latest marks the newest edition's value where later
-- editions restate earlier months. A value that cannot be what its indicator measures has no
-- number (value is null) and says why in quarantine_reason; the number and its provenance are
-- in fct_quarantined_value.
-- A view: the columns analysts use of int_indicator_value_statuses (int_indicator_values with
-- quarantined numbers blanked); a table here would copy every value on every build.
{{ config(materialized='view') }}

select
    indicator_value_id,
    indicator_code,
    period_key,
    org_unit_code,
    document,
    family,
    council,
    council_org_unit_code,
    edition_date,
    period_type,
    period_start,
    period_end,
    value,
    quarantine_reason,
    quarantine_reason is not null as is_quarantined,
    numerator,
    denominator,
    bracket_count,
    unit,
    printed_unit,
    value_text,
    value_decimals,
    printed_polarity,
    is_latest,
    page,
    table_id,
    source_row_code,
    source_row_label,
    source_row_group,
    source_column_label,
    x0,
    top,
    x1,
    bottom,
    printed_cells_for_value,
    distinct_printed_values,
    loaded_at
from {{ ref('int_indicator_value_statuses') }}
