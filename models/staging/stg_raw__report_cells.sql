-- One printed value cell of a report, renamed and typed; nothing else.
with source as (

    select * from {{ source('raw', 'report_cells') }}

),

renamed as (

    select
        {{ dbt.hash(dbt.concat([
            "coalesce(document, '')", "'|'", dbt.safe_cast('page', dbt.type_string()), "'|'",
            "coalesce(table_id, '')", "'|'", "coalesce(row_code, '')", "'|'", "coalesce(row_label, '')", "'|'",
            "coalesce(row_group, '')", "'|'", "coalesce(column_label, '')", "'|'", "coalesce(value_text, '')", "'|'",
            "coalesce(" ~ dbt.safe_cast('x0', dbt.type_string()) ~ ", '')", "'|'",
            "coalesce(" ~ dbt.safe_cast('top', dbt.type_string()) ~ ", '')"
        ])) }} as cell_id,
        cast(document as {{ dbt.type_string() }}) as document,
        cast(document_sha256 as {{ dbt.type_string() }}) as document_sha256,
        cast(page as {{ dbt.type_int() }}) as page,
        cast(table_id as {{ dbt.type_string() }}) as table_id,
        cast(coalesce(trim(table_title), '') as {{ dbt.type_string() }}) as table_title,
        cast(nullif(trim(row_code), '') as {{ dbt.type_string() }}) as row_code,
        cast(coalesce(trim(row_label), '') as {{ dbt.type_string() }}) as row_label,
        cast(coalesce(trim(row_group), '') as {{ dbt.type_string() }}) as row_group,
        cast(coalesce(trim(column_label), '') as {{ dbt.type_string() }}) as column_label,
        cast(coalesce(value_text, '') as {{ dbt.type_string() }}) as value_text,
        cast(value as {{ type_double() }}) as value,
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        cast(bracket_count as {{ type_double() }}) as bracket_count,
        cast(nullif(trim(vintage), '') as {{ dbt.type_string() }}) as vintage,
        cast(coalesce(unit, 'unknown') as {{ dbt.type_string() }}) as unit,
        cast(fill as {{ dbt.type_string() }}) as fill,
        cast(x0 as {{ type_double() }}) as x0,
        cast(top as {{ type_double() }}) as top,
        cast(x1 as {{ type_double() }}) as x1,
        cast(bottom as {{ type_double() }}) as bottom,
        cast(loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
    from source

)

select * from renamed
