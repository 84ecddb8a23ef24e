-- One problem of a document's latest load attempt, renamed and typed; nothing else.
-- A warehouse written before the loader kept raw.load_errors has no such table: it reads as
-- no problems (the loader creates the table before every dbt build).
{%- set load_errors = source('raw', 'load_errors') -%}
{%- set present = not execute or adapter.get_relation(
    database=load_errors.database, schema=load_errors.schema, identifier=load_errors.identifier) is not none %}
with source as (

{% if present %}
    select * from {{ load_errors }}
{% else %}
    select
        cast(null as {{ dbt.type_string() }}) as document,
        cast(null as {{ dbt.type_string() }}) as sha256,
        cast(null as {{ dbt.type_string() }}) as severity,
        cast(null as {{ dbt.type_string() }}) as message,
        cast(null as {{ dbt.type_string() }}) as run_id,
        cast(null as {{ dbt.type_timestamp() }}) as recorded_at
    where false
{% endif %}

),

renamed as (

    select
        cast(document as {{ dbt.type_string() }}) as document,
        cast(sha256 as {{ dbt.type_string() }}) as document_sha256,
        cast(severity as {{ dbt.type_string() }}) as severity,
        cast(message as {{ dbt.type_string() }}) as message,
        cast(run_id as {{ dbt.type_string() }}) as dagster_run_id,
        cast(recorded_at as {{ dbt.type_timestamp() }}) as recorded_at
    from source

)

select * from renamed
