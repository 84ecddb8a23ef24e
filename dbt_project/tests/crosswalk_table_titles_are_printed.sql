-- Crosswalk rows keyed on a table title must name a title the reports print: a row whose title
-- no loaded document of its family prints maps nothing (a typo, or an edition that renamed the
-- table). Only families with loaded documents are checked; a warning, since a warehouse may
-- hold only some of a family's tables.
{{ config(severity='warn') }}

with titled_rows as (

    select distinct
        family,
        source_table_title,
        {{ normalise_label('source_table_title') }} as title_key
    from {{ ref('indicator_crosswalk') }}
    where coalesce(source_table_title, '') <> ''

),

printed_titles as (

    -- distinct titles first: the label normalisation runs once per title, not once per cell
    select distinct family, {{ normalise_label('table_title') }} as title_key
    from (
        select distinct d.family, c.table_title
        from {{ ref('stg_raw__report_cells') }} as c
        inner join {{ ref('stg_raw__source_documents') }} as d on c.document = d.document
        where d.load_status = 'loaded'
    ) as titles

),

loaded_families as (

    select distinct family from printed_titles

)

select x.family, x.source_table_title
from titled_rows as x
where exists (select 1 from loaded_families as f where f.family like x.family)
    and not exists (
        select 1 from printed_titles as p
        where p.family like x.family and p.title_key = x.title_key
    )
