-- Where each document's printed cells went, so no fact leaves between the raw cells and the
-- marts uncounted: cells read; value cells (values, numerators, denominators) mapped to an
-- indicator or not; mapped cells dropped for want of a period or an org unit; the indicator
-- values they make (several printed cells can make one value) and how many are quarantined.
-- The other cells (benchmarks, targets, RAG colours, attributes) are read as context.
-- A loaded document that makes under half the indicator values of its family's other editions
-- (median) has low_yield: its cells were read but most map to nothing, as when a new layout's
-- headers are misread; fct_quality_findings lists it and `cli status` says so.
with documents as (

    select document, family, load_status from {{ ref('stg_raw__source_documents') }}

),

raw_cells as (

    select document, count(*) as cells_read
    from {{ ref('stg_raw__report_cells') }}
    group by 1

),

resolved_cells as (

    select
        document,
        count(*) filter (where cell_role in ('value', 'numerator', 'denominator')) as value_cells,
        count(*) filter (where cell_role in ('value', 'numerator', 'denominator') and indicator_code is null) as unmapped_cells,
        count(*) filter (where cell_role in ('value', 'numerator', 'denominator') and indicator_code is not null) as mapped_cells,
        count(*) filter (where cell_role in ('value', 'numerator', 'denominator') and indicator_code is not null
            and period_key is null) as dropped_no_period,
        count(*) filter (where cell_role in ('value', 'numerator', 'denominator') and indicator_code is not null
            and period_key is not null and org_unit_code is null) as dropped_no_org_unit
    from {{ ref('int_report_cells__resolved') }}
    group by 1

),

indicator_values as (

    select document, count(*) as indicator_values, count(distinct indicator_code) as indicators
    from {{ ref('int_indicator_values') }}
    group by 1

),

quarantined as (

    select document, count(*) as quarantined_values
    from {{ ref('int_quarantined_values') }}
    where value_kind = 'indicator_value'
    group by 1

),

counted as (

    select
        d.document,
        d.family,
        d.load_status,
        coalesce(r.cells_read, 0) as cells_read,
        coalesce(c.value_cells, 0) as value_cells,
        coalesce(c.mapped_cells, 0) as mapped_cells,
        coalesce(c.unmapped_cells, 0) as unmapped_cells,
        coalesce(c.dropped_no_period, 0) as dropped_no_period,
        coalesce(c.dropped_no_org_unit, 0) as dropped_no_org_unit,
        coalesce(v.indicator_values, 0) as indicator_values,
        coalesce(v.indicators, 0) as indicators,
        coalesce(q.quarantined_values, 0) as quarantined_values
    from documents as d
    left join raw_cells as r on d.document = r.document
    left join resolved_cells as c on d.document = c.document
    left join indicator_values as v on d.document = v.document
    left join quarantined as q on d.document = q.document

),

family_medians as (

    select counted.document, median(other.indicator_values) as family_median_indicator_values
    from counted
    inner join counted as other
        on counted.family = other.family
        and counted.document <> other.document
        and other.load_status = 'loaded'
    group by 1

)

select
    counted.*,
    m.family_median_indicator_values,
    coalesce(counted.load_status = 'loaded'
        and counted.indicator_values < 0.5 * m.family_median_indicator_values, false) as low_yield
from counted
left join family_medians as m on counted.document = m.document
