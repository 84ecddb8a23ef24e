-- How much of each report family the warehouse uses: printed cells, cells placed as values,
-- benchmarks, targets and statuses, labels mapped / excluded / unmapped, and indicator values.
-- Compile with `dbt compile --select coverage_by_family` and run the SQL against the warehouse.
with cells as (

    select family, cell_role, indicator_code, period_key, org_unit_code
    from {{ ref('int_report_cells__resolved') }}

),

labels as (

    select family, match_status, count(*) as labels
    from {{ ref('int_indicator_label_matches') }}
    group by 1, 2

),

cell_counts as (

    select
        family,
        count(*) as cells,
        sum(case when cell_role in ('value', 'numerator', 'denominator') then 1 else 0 end) as value_cells,
        sum(case when cell_role in ('value', 'numerator', 'denominator') and indicator_code is not null
            and period_key is not null and org_unit_code is not null then 1 else 0 end) as value_cells_placed,
        sum(case when cell_role = 'benchmark' then 1 else 0 end) as benchmark_cells,
        sum(case when cell_role = 'target' then 1 else 0 end) as target_cells,
        sum(case when cell_role in ('printed_rag', 'printed_direction') then 1 else 0 end) as status_cells,
        sum(case when cell_role = 'excluded' then 1 else 0 end) as excluded_cells
    from cells
    group by 1

),

fact_counts as (

    select family, count(*) as indicator_values, count(distinct indicator_code) as indicators
    from {{ ref('fct_indicator_value') }}
    group by 1

)

select
    c.*,
    coalesce(mapped.labels, 0) as labels_mapped,
    coalesce(excluded.labels, 0) as labels_excluded,
    coalesce(unmapped.labels, 0) as labels_unmapped,
    f.indicator_values,
    f.indicators
from cell_counts as c
left join labels as mapped on c.family = mapped.family and mapped.match_status = 'mapped'
left join labels as excluded on c.family = excluded.family and excluded.match_status = 'excluded'
left join labels as unmapped on c.family = unmapped.family and unmapped.match_status in ('unmapped', 'ambiguous')
left join fact_counts as f on c.family = f.family
order by c.family
