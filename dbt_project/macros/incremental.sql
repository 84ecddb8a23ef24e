{#-
  Incremental models keyed on the source document.

  A model over cells or values of documents is built document by document: a run rebuilds
  only the documents that are new, whose file changed (document_sha256) or that were read
  again (loaded_at), and deletes the rows of documents that left the warehouse. Each row
  records the build fingerprint it was made under (a hash of the checksums of this project's
  models and seeds), so a changed crosswalk, seed or model rebuilds every document without
  --full-refresh. A changed macro is not seen: run `dbt build --full-refresh` after one.
  A document's rows depend only on that document and the reference data, which is what
  makes this safe; models that compare documents (latest editions, revisions,
  scorecards) stay tables rebuilt in full.

  The models and their config (materialization, unique key, the post-hook below) are listed
  once in dbt_project.yml. A model reads its input with
      {% if is_incremental() %} where document in ({{ documents_to_rebuild() }}) {% endif %}
  writes {{ build_fingerprint_column() }} into each row, and has
  `-- depends_on: {{ ref('stg_raw__source_documents') }}` at its top.
-#}

{% macro build_fingerprint() -%}
    {%- if not execute -%}
        {{- return('parsing') -}}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type in ('model', 'seed') and node.package_name == project_name -%}
            {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(local_md5(parts | join('|'))) -}}
{%- endmacro %}


{#- The column that records the fingerprint a row was built under. -#}
{% macro build_fingerprint_column() -%}
    cast('{{ build_fingerprint() }}' as {{ dbt.type_string() }}) as build_fingerprint
{%- endmacro %}


{#- The documents an incremental run of this model must rebuild: loaded documents with no rows
    in it, or rows from another file, load or build fingerprint. -#}
{% macro documents_to_rebuild() -%}
    select d.document
    from {{ ref('stg_raw__source_documents') }} as d
    left join (
        select distinct document, document_sha256, loaded_at, build_fingerprint
        from {{ this }}
    ) as built
        on d.document = built.document
    where d.load_status = 'loaded'
        and (
            built.document is null
            or built.document_sha256 is distinct from d.document_sha256
            or built.loaded_at is distinct from d.loaded_at
            or built.build_fingerprint is distinct from '{{ build_fingerprint() }}'
        )
{%- endmacro %}


{#- Post-hook: delete the rows of documents that are no longer loaded (retired, or replaced by
    a version with no cells). -#}
{% macro delete_departed_documents() -%}
    delete from {{ this }}
    where document not in (
        select document from {{ ref('stg_raw__source_documents') }} where load_status = 'loaded'
    )
{%- endmacro %}
