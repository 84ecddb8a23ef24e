-- One row per benchmark: its type (SN average, best SN, England average, national top
-- quartile, regional average), the comparator it describes and the vintage printed with it.
-- An SN average (as councils print it) and an SN median (as DfE dashboards show it) are
-- different types and never share a row.
with benchmark_values as (

    select * from {{ ref('int_benchmark_values') }}

),

benchmark_types as (

    select * from {{ ref('benchmark_types') }}

),

benchmarks as (

    select
        benchmark_key,
        benchmark_type,
        comparator_org_unit_code,
        vintage,
        max(vintage_evidence) as vintage_evidence,
        max(aggregation_evidence) as aggregation_evidence
    from benchmark_values
    group by 1, 2, 3, 4

)

select
    b.benchmark_key,
    b.benchmark_type,
    t.benchmark_name,
    t.aggregation,
    b.aggregation_evidence,
    b.comparator_org_unit_code,
    b.vintage,
    b.vintage_evidence,
    {{ dbt.concat(["t.benchmark_name", "coalesce(' (' || b.vintage || ')', '')"]) }} as benchmark_label
from benchmarks as b
left join benchmark_types as t on b.benchmark_type = t.benchmark_type
