-- One source document the extractor read, renamed and typed; nothing else.
with source as (

    select * from {{ source('raw', 'source_documents') }}

),

renamed as (

    select
        cast(document as {{ dbt.type_string() }}) as document,
        cast(path as {{ dbt.type_string() }}) as document_path,
        cast(sha256 as {{ dbt.type_string() }}) as document_sha256,
        cast(family as {{ dbt.type_string() }}) as family,
        cast(council as {{ dbt.type_string() }}) as council,
        cast(edition as {{ dbt.type_string() }}) as edition,
        {{ dbt.safe_cast('edition', 'date') }} as edition_date,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(pages as {{ dbt.type_int() }}) as page_count,
        cast(cells as {{ dbt.type_int() }}) as cell_count,
        cast(status as {{ dbt.type_string() }}) as load_status,
        cast(error as {{ dbt.type_string() }}) as load_error,
        cast(warnings as {{ dbt.type_string() }}) as load_warnings,
        cast(loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source

)

select * from renamed
