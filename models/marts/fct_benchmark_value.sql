-- Benchmarks printed beside a council's values: one per document, indicator and benchmark
-- (type, comparator, vintage), with provenance.
-- A view over int_benchmark_values, which is kept incrementally (no copy on each build).
{{ config(materialized='view') }}

select
    benchmark_value_id,
    document,
    family,
    council,
    council_org_unit_code,
    edition_date,
    indicator_code,
    benchmark_key,
    benchmark_type,
    comparator_org_unit_code,
    aggregation,
    vintage,
    vintage_evidence,
    vintage_period_key,
    value,
    unit,
    value_text,
    benchmark_source_label,
    page,
    table_id,
    source_row_label,
    source_column_label,
    distinct_printed_values
from {{ ref('int_benchmark_values') }}
