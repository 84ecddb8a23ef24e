-- The problems of each document's latest load, for analysts: documents that did not load
-- (severity error: not a PDF, encrypted, scanned, truncated, an extractor fault) and the
-- warnings of documents that did (severity warning: no known report family, so its cells are
-- in the warehouse but map to no indicator). A document that failed to load keeps the facts
-- of the version loaded before, if any: loaded_document_sha256 says which.
with problems as (

    select * from {{ ref('stg_raw__load_errors') }}

),

loaded as (

    select document, document_sha256
    from {{ ref('stg_raw__source_documents') }}
    where load_status = 'loaded'

)

select
    p.document,
    p.severity,
    p.message,
    p.document_sha256,
    l.document_sha256 as loaded_document_sha256,
    coalesce(p.document_sha256 = l.document_sha256, false) as is_loaded_version,
    p.dagster_run_id,
    p.recorded_at
from problems as p
left join loaded as l on p.document = l.document
