-- Each council name the extractor gives, resolved to its org unit: by an alias (seed
-- org_unit_aliases, scope council_name) or by the org unit's own name.
with documents as (

    select distinct council from {{ ref('stg_raw__source_documents') }}
    where council is not null

),

aliases as (

    select org_unit_code, {{ normalise_label('source_label') }} as label_key
    from {{ ref('org_unit_aliases') }}
    where scope = 'council_name'

),

councils as (

    select org_unit_code, {{ normalise_label('org_unit_name') }} as label_key
    from {{ ref('org_units') }}
    where org_unit_type = 'council'

)

select
    d.council,
    coalesce(min(a.org_unit_code), min(c.org_unit_code)) as council_org_unit_code
from documents as d
left join aliases as a on a.label_key = {{ normalise_label('d.council') }}
left join councils as c on c.label_key = {{ normalise_label('d.council') }}
group by d.council
