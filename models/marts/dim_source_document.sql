-- One row per report the extractor read: family, council, edition, checksum, pages, when it
-- was loaded, and how much of it the warehouse could use. Only a loaded document can be its
-- family's latest edition (a misread one fails and never displaces the edition before it).
-- Two files for one family and edition: the later loaded is current, the earlier a revision
-- (is_current_version false, revised_by_document naming the current one); a file that failed
-- is no version of its edition.
with documents as (

    select * from {{ ref('stg_raw__source_documents') }}

),

councils as (

    select distinct council, council_org_unit_code from {{ ref('int_org_unit_tokens') }}

),

yields as (

    -- what the warehouse could use of each document, counted once in fct_document_yield
    select document, cells_read, indicator_values, indicators from {{ ref('fct_document_yield') }}

),

current_versions as (

    -- of the files loaded for one family and edition, the one loaded last
    select
        family, council, edition_date,
        {{ first_by('document', 'loaded_at desc, document desc') }} as document
    from documents
    where load_status = 'loaded' and family is not null and edition_date is not null
    group by 1, 2, 3

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
    -- relative to the landing folder, which holds the PDFs directly: the file name (rows stored
    -- before the raw layer kept relative paths held the server's absolute folder)
    regexp_replace(d.document_path, '^.*[/\\]', '') as document_path,
    d.page_count,
    d.cell_count,
    coalesce(y.cells_read, 0) as cells_in_warehouse,
    coalesce(y.indicator_values, 0) as indicator_values,
    coalesce(y.indicators, 0) as indicators,
    d.load_status,
    d.load_error,
    d.load_warnings,
    d.loaded_at,
    d.load_status = 'loaded' and row_number() over (
        partition by d.family, d.council, d.load_status order by d.edition_date desc, d.loaded_at desc
    ) = 1 as is_latest_edition,
    d.load_status = 'loaded' and (d.family is null or d.edition_date is null
        or current_version.document = d.document) as is_current_version,
    case
        when d.load_status = 'loaded' and d.family is not null and current_version.document <> d.document
            then current_version.document
    end as revised_by_document
from documents as d
left join current_versions as current_version
    on d.family = current_version.family
    and d.council is not distinct from current_version.council
    and d.edition_date = current_version.edition_date
left join councils as c on coalesce(d.council, '') = coalesce(c.council, '')
left join yields as y on d.document = y.document
