-- Every value whose report prints a RAG colour, beside the RAG computed from the report's own
-- targets. rag_matches is false where they differ (a finding: listed, not hidden).
select
    indicator_value_id,
    document,
    family,
    edition_date,
    indicator_code,
    period_key,
    org_unit_code,
    value,
    value_text,
    target_text,
    rag_status as computed_rag,
    printed_rag,
    rag_status is not null and rag_status = printed_rag as rag_matches,
    page
from {{ ref('int_indicator_value_statuses') }}
where printed_rag is not null
