-- How each extracted table is laid out, read from its labels (the extractor's table ids are
-- only sequence numbers): org units in the column headers (Annex A) -> indicator_rows_org_columns;
-- org units or comparators in the rows with periods in the columns -> org_rows; org units in
-- the rows otherwise -> indicator_columns_org_rows; periods and benchmarks in the rows (the
-- Rotherham topic pages) -> indicator_columns; else one indicator a row -> indicator_rows.
-- The seed table_layouts can override a detected layout and says which date a table without
-- printed periods is as at.
-- Incremental by document (macros/incremental.sql): a run rebuilds new, changed and re-read
-- documents only.

with documents as (

    select d.document, hash(d.document) as document_hash, d.document_sha256, d.loaded_at, d.family, k.council_org_unit_code
    from {{ ref('stg_raw__source_documents') }} as d
    left join {{ ref('int_councils') }} as k on d.council = k.council
    {% if is_incremental() %}
    where d.document in ({{ documents_to_rebuild() }})
    {% endif %}

),

cell_labels as not materialized (

    -- every cell's row label and column header, with a 64-bit hash of the pair and its
    -- family and council: the per-table counts below group on hashes, not on the strings
    -- (two labels of one family and council sharing a hash is beyond any chance that matters)
    select
        d.document_hash,
        c.table_id,
        d.family,
        d.council_org_unit_code,
        c.row_label,
        c.column_header,
        hash(d.family, d.council_org_unit_code, c.row_label, c.column_header) as label_hash
    from {{ ref('int_report_cells__consolidated') }} as c
    inner join documents as d on c.document = d.document

),

label_pairs as (

    -- each table's distinct row label / column header pairs
    select distinct document_hash, table_id, label_hash
    from cell_labels

),

aliases as (

    select scope, {{ normalise_label('source_label') }} as label_key
    from {{ ref('org_unit_aliases') }}
    where scope <> 'council_name'

),

benchmark_labels as (

    select family, lower(source_label) as label_key
    from {{ ref('benchmark_labels') }}

),

labels as (

    -- the distinct labels of each family and council (reports repeat their labels edition
    -- after edition, so the normalisation and pattern tests run once per label, not per cell)
    select
        label_hash,
        family,
        council_org_unit_code,
        row_label,
        column_header,
        {{ normalise_label('row_label') }} as row_key,
        {{ normalise_label('column_header') }} as column_key,
        {{ normalise_label(regexp_extract('column_header', '([^>]*)$', 1)) }} as column_leaf_key,
        trim(coalesce({{ regexp_extract('column_header', '([^>]*)$', 1) }}, '')) as column_leaf
    from (
        select distinct label_hash, family, council_org_unit_code, row_label, column_header
        from cell_labels
    ) as distinct_labels

),

label_evidence as (

    select
        l.label_hash,
        -- an org unit heading a column, unless the label is a benchmark's (the council's own
        -- column in a benchmark table, "Lancs", stays a value beside its comparators); a header
        -- path printed as one cell ("CSC EAST Burnley") ends with its org unit
        exists (
            select 1 from aliases as a
            where a.scope = l.council_org_unit_code
                and (a.label_key in (l.column_key, l.column_leaf_key) or {{ ends_with_words('l.column_key', 'a.label_key') }})
        ) and not exists (
            select 1 from benchmark_labels as b
            where coalesce(l.family, '') like b.family and b.label_key = lower(l.column_leaf)
        ) as column_is_org_unit,
        exists (
            select 1 from aliases as a
            where a.scope = l.council_org_unit_code and a.label_key = l.row_key
        ) or exists (
            select 1 from benchmark_labels as b
            where coalesce(l.family, '') like b.family and b.label_key = lower(l.row_label)
        ) as row_is_org_unit_or_comparator,
        {{ regexp_matches('trim(l.row_label)', '^[A-Za-z]{3,9}[- ]?[0-9]{2}([0-9]{2})?$') }}
            or {{ regexp_matches('trim(l.row_label)', '^[0-9]{4}[[:space:]]*/[[:space:]]*[0-9]{2}$') }}
            or {{ regexp_matches('trim(l.row_label)', '^[A-Za-z]+ [Tt]erm [(]') }}
            or exists (
                select 1 from benchmark_labels as b
                where coalesce(l.family, '') like b.family and b.label_key = lower(l.row_label)
            ) as row_is_period_or_benchmark,
        {{ regexp_matches('l.column_leaf', '^[A-Za-z]{3,9}[- ]?[0-9]{2}([0-9]{2})?$') }}
            or {{ regexp_matches('l.column_leaf', '^[0-9]{4}([[:space:]]*/[[:space:]]*[0-9]{2})?$') }} as column_is_period
    from labels as l

),

cell_evidence as (

    select
        p.document_hash,
        p.table_id,
        e.column_is_org_unit,
        e.row_is_org_unit_or_comparator,
        e.row_is_period_or_benchmark,
        e.column_is_period
    from label_pairs as p
    inner join label_evidence as e on p.label_hash = e.label_hash

),

table_evidence as (

    select
        document_hash,
        table_id,
        count(*) as label_pairs,
        avg(case when column_is_org_unit then 1.0 else 0.0 end) as org_unit_column_share,
        avg(case when row_is_org_unit_or_comparator then 1.0 else 0.0 end) as org_unit_row_share,
        avg(case when row_is_period_or_benchmark then 1.0 else 0.0 end) as period_row_share,
        avg(case when column_is_period then 1.0 else 0.0 end) as period_column_share
    from cell_evidence
    group by 1, 2

),

detected as (

    select
        d.document,
        t.* exclude (document_hash),
        d.family,
        d.document_sha256,
        d.loaded_at,
        case
            when t.org_unit_column_share >= 0.5 then 'indicator_rows_org_columns'
            when t.org_unit_row_share >= 0.5 and t.period_column_share >= 0.5 then 'org_rows'
            when t.org_unit_row_share >= 0.5 then 'indicator_columns_org_rows'
            when t.period_row_share >= 0.5 then 'indicator_columns'
            else 'indicator_rows'
        end as detected_layout
    from table_evidence as t
    inner join documents as d on t.document_hash = d.document_hash

),

rules as (

    select
        d.document,
        d.table_id,
        nullif(r.layout, '') as override_layout,
        r.as_at_rule,
        row_number() over (
            partition by d.document, d.table_id
            order by
                case when r.family = '%' then 0 else 1 end desc,
                length(replace(r.table_id, '%', '')) desc,
                case when r.detected_layout = '%' then 0 else 1 end desc
        ) as rule_rank
    from detected as d
    inner join {{ ref('table_layouts') }} as r
        on coalesce(d.family, '') like r.family
        and d.table_id like r.table_id
        and d.detected_layout like r.detected_layout

)

select
    d.document,
    d.table_id,
    d.family,
    d.label_pairs,
    d.org_unit_column_share,
    d.org_unit_row_share,
    d.period_row_share,
    d.period_column_share,
    d.detected_layout,
    coalesce(r.override_layout, d.detected_layout) as layout,
    coalesce(r.as_at_rule, 'edition') as as_at_rule,
    d.document_sha256,
    d.loaded_at,
    {{ build_fingerprint_column() }}
from detected as d
left join rules as r
    on d.document = r.document
    and d.table_id = r.table_id
    and r.rule_rank = 1
