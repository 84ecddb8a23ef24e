-- Targets and RAG tolerances as printed and as numeric bands: one row per document,
-- indicator, org unit, period and band (red, amber, green; "target" where a printed target
-- could not be read into bands). A value meets a band when it lies within [lower_bound,
-- upper_bound] (inclusive as flagged), or outside it for is_outside bands. The RAG status is
-- green when the green band is met, else red when the red band is met, else amber.
select
    target_id,
    document,
    family,
    council,
    edition_date,
    indicator_code,
    period_key,
    org_unit_code,
    band,
    target_text,
    comparator,
    lower_bound,
    lower_inclusive,
    upper_bound,
    upper_inclusive,
    is_outside,
    is_derived,
    is_usable,
    page,
    source_cell_id
from {{ ref('int_targets') }}
