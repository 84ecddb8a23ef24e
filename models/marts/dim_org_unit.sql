-- Councils, their internal units as a hierarchy, and the comparator units (England, regions,
-- statistical-neighbour groups), from the seed org_units.
with recursive org_units as (

    select * from {{ ref('org_units') }}

),

hierarchy as (

    select
        org_unit_code,
        cast(org_unit_name as {{ dbt.type_string() }}) as hierarchy_path,
        1 as hierarchy_level
    from org_units
    where parent_org_unit_code is null or parent_org_unit_code = ''

    union all

    select
        child.org_unit_code,
        cast(parent.hierarchy_path || ' > ' || child.org_unit_name as {{ dbt.type_string() }}) as hierarchy_path,
        parent.hierarchy_level + 1 as hierarchy_level
    from org_units as child
    inner join hierarchy as parent on child.parent_org_unit_code = parent.org_unit_code

)

select
    o.org_unit_code,
    o.org_unit_name,
    o.org_unit_type,
    nullif(o.parent_org_unit_code, '') as parent_org_unit_code,
    parent.org_unit_name as parent_org_unit_name,
    nullif(o.council_org_unit_code, '') as council_org_unit_code,
    council.org_unit_name as council,
    coalesce(region_of_council.org_unit_code, case when o.org_unit_type = 'region' then o.org_unit_code end) as region_org_unit_code,
    coalesce(region_of_council.org_unit_name, case when o.org_unit_type = 'region' then o.org_unit_name end) as region,
    o.is_comparator,
    h.hierarchy_level,
    h.hierarchy_path,
    nullif(o.gss_code, '') as gss_code,
    nullif(o.dfe_la_code, '') as dfe_la_code,
    o.sort_order
from org_units as o
left join org_units as parent on o.parent_org_unit_code = parent.org_unit_code
left join org_units as council on o.council_org_unit_code = council.org_unit_code
left join org_units as region_of_council
    on council.parent_org_unit_code = region_of_council.org_unit_code
    and region_of_council.org_unit_type = 'region'
left join hierarchy as h on o.org_unit_code = h.org_unit_code
