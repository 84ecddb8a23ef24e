-- Every distinct org-unit label of a council's report resolved to an org unit: the council
-- itself (from the document's council name) when a table has no org-unit axis, else the
-- council's alias for the printed label (the full header path, or its last part), else the
-- most specific org unit whose name or alias ends the label at a word boundary: a header path
-- printed as one cell ("CSC EAST Burnley" for "CSC EAST > Burnley") names its leaf last.
with cells as (

    select distinct
        council,
        coalesce(org_unit_source_label, '') as org_unit_source_label
    from {{ ref('int_report_cells__mapped') }}
    where cell_role in ('value', 'numerator', 'denominator', 'printed_rag', 'printed_direction', 'target', 'benchmark')

),

aliases as (

    select
        scope,
        org_unit_code,
        {{ normalise_label('source_label') }} as label_key
    from {{ ref('org_unit_aliases') }}

),

org_unit_names as (

    select
        council_org_unit_code as scope,
        org_unit_code,
        {{ normalise_label('org_unit_name') }} as label_key
    from {{ ref('org_units') }}
    where council_org_unit_code is not null

),

councils_resolved as (

    select council, council_org_unit_code from {{ ref('int_councils') }}

),

labels as (

    select
        c.council,
        c.org_unit_source_label,
        r.council_org_unit_code,
        {{ normalise_label('c.org_unit_source_label') }} as label_key,
        {{ normalise_label(regexp_extract('c.org_unit_source_label', '([^>]*)$', 1)) }} as leaf_key
    from cells as c
    left join councils_resolved as r on coalesce(c.council, '') = coalesce(r.council, '')

),

label_endings as (

    -- every org unit (by name or alias) that ends the label, with how many characters name it
    select distinct
        l.council,
        l.org_unit_source_label,
        k.org_unit_code,
        length(k.label_key) as key_length
    from labels as l
    inner join (select * from aliases union select * from org_unit_names) as k
        on k.scope = l.council_org_unit_code
        and k.label_key <> ''
        and {{ ends_with_words('l.label_key', 'k.label_key') }}

),

most_specific_endings as (

    -- the longest ending wins; two org units tied for it name none (ambiguous, left unmapped)
    select council, org_unit_source_label, min(org_unit_code) as org_unit_code
    from (
        select
            *,
            rank() over (partition by council, org_unit_source_label order by key_length desc) as specificity_rank
        from label_endings
    ) as ranked
    where specificity_rank = 1
    group by 1, 2
    having count(distinct org_unit_code) = 1

),

final as (

    select
        l.council,
        l.org_unit_source_label,
        l.council_org_unit_code,
        case
            when l.org_unit_source_label = '' then l.council_org_unit_code
            else coalesce(full_path.org_unit_code, leaf.org_unit_code, ending.org_unit_code)
        end as org_unit_code,
        case
            when l.council_org_unit_code is null then 'unknown_council'
            when l.org_unit_source_label = '' then 'council'
            when coalesce(full_path.org_unit_code, leaf.org_unit_code, ending.org_unit_code) is null then 'unmapped'
            else 'mapped'
        end as match_status
    from labels as l
    left join aliases as full_path
        on full_path.scope = l.council_org_unit_code
        and full_path.label_key = l.label_key
    left join aliases as leaf
        on leaf.scope = l.council_org_unit_code
        and leaf.label_key = l.leaf_key
        and l.leaf_key <> l.label_key
    left join most_specific_endings as ending
        on coalesce(ending.council, '') = coalesce(l.council, '')
        and ending.org_unit_source_label = l.org_unit_source_label

)

select * from final
