-- One row per report the extractor read: family, council, edition, checksum, pages, when it
-- was loaded, and how much of it the warehouse could use.
with documents as (

    select * from {{ ref('stg_raw__source_documents') }}

),

councils as (

    select distinct council, council_org_unit_code from {{ ref('int_org_unit_tokens') }}

),

cells as (

    select document, count(*) as printed_cells
    from {{ ref('stg_raw__report_cells') }}
    group by 1

),

indicator_values as (

    select document, count(*) as indicator_values, count(distinct indicator_code) as indicators
    from {{ ref('int_indicator_values') }}
    group by 1

)

select
    d.document,
    d.family,
    d.council,
    c.council_org_unit_code,
    d.edition,
    d.edition_date,
    d.title,
    d.document_sha256,
    d.document_path,
    d.page_count,
    d.cell_count,
    coalesce(cells.printed_cells, 0) as cells_in_warehouse,
    coalesce(v.indicator_values, 0) as indicator_values,
    coalesce(v.indicators, 0) as indicators,
    d.load_status,
    d.load_error,
    d.load_warnings,
    d.loaded_at,
    row_number() over (partition by d.family, d.council order by d.edition_date desc, d.loaded_at desc) = 1
        as is_latest_edition
from documents as d
left join councils as c on coalesce(d.council, '') = coalesce(c.council, '')
left join cells on d.document = cells.document
left join indicator_values as v on d.document = v.document
