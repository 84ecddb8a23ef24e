-- The quarantine: every printed value that cannot be what its indicator measures (a count
-- printed where a percentage belongs, 8823 read as 8,823 %), with its provenance and the
-- reason. The marts show these values as text only (fct_indicator_value.quarantine_reason,
-- fct_scorecard.quarantine_reason); `cli status` lists them.
select
    quarantined_value_id,
    value_kind,
    document,
    family,
    council,
    indicator_code,
    period_key,
    org_unit_code,
    benchmark_type,
    value,
    value_text,
    unit,
    quarantine_reason,
    page,
    table_id,
    source_row_label,
    source_column_label
from {{ ref('int_quarantined_values') }}
