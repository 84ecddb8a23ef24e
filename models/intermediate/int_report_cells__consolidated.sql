-- Cells printed side by side under one row and column label are one logical value:
-- "972 of 1666" beside "58.3%", "109" / "of 240" / "45.4%", "667" beside the rate "117.1",
-- "89.0%" beside "(2018)".
-- Such groups become one cell (value from the percentage, numerator / denominator from the
-- counts, vintage from the bracketed year); any other cells are kept as they are.
-- Incremental by document (macros/incremental.sql): a run rebuilds new, changed and re-read
-- documents only.
-- CTEs over every cell are `not materialized`: DuckDB would otherwise hold a CTE that is read
-- twice in memory (gigabytes at warehouse scale); each reader scans the table again instead.
-- depends_on: {{ ref('stg_raw__source_documents') }}

with cells as not materialized (

    select * from {{ ref('stg_raw__report_cells') }}
    {% if is_incremental() %}
    where document in ({{ documents_to_rebuild() }})
    {% endif %}

),

cells_typed as not materialized (

    select
        *,
        (numerator is not null or denominator is not null) as is_ratio_cell,
        {{ regexp_matches('value_text', '^[(][[:space:]]*[0-9]{4}([[:space:]]*/[[:space:]]*[0-9]{2})?[[:space:]]*[)]$') }} as is_vintage_cell,
        -- a percentage or a rate: the value a count printed beside it is the numerator of
        (unit in ('percent', 'rate_per_10k') and value is not null) as is_percent_cell,
        (unit not in ('percent', 'rate_per_10k') and value is not null and numerator is null and denominator is null) as is_number_cell,
        -- where the cell is printed within its document (page, table, row and column labels) as
        -- one number: grouping and joining every cell on six strings holds them all in memory
        -- (tens of gigabytes at warehouse scale); a 64-bit hash within one document does not
        hash(page, table_id, row_group, coalesce(row_code, ''), row_label, column_label) as position_key
    from cells

),

shared_positions as (

    -- the few positions printed with more than one cell
    select document, position_key, count(*) as cells_at_position
    from cells_typed
    group by 1, 2
    having count(*) > 1

),

shared_cells as (

    select c.*, p.cells_at_position
    from cells_typed as c
    inner join shared_positions as p
        on c.document = p.document
        and c.position_key = p.position_key

),

positions_merged as (

    -- a position is merged when it holds a ratio beside its percentage or count, a count beside
    -- a percentage, or a bracketed year beside one value
    select
        document,
        position_key,
        rate_cells = 2 and cells_at_position = 2 as is_rate_pair,
        (
            (ratio_cells = 1 and percent_cells + number_cells <= 2 and cells_at_position = ratio_cells + percent_cells + number_cells)
            or (ratio_cells = 0 and percent_cells = 1 and number_cells = 1 and cells_at_position = 2)
            -- a count printed in a rate column beside the rate ("629" "109.3")
            or (ratio_cells = 0 and rate_cells = 2 and cells_at_position = 2)
            or (vintage_cells = 1 and cells_at_position = 2)
        ) as is_merged
    from (
        select
            document,
            position_key,
            count(*) as cells_at_position,
            sum(case when is_ratio_cell then 1 else 0 end) as ratio_cells,
            sum(case when is_percent_cell and not is_ratio_cell then 1 else 0 end) as percent_cells,
            sum(case when is_number_cell then 1 else 0 end) as number_cells,
            sum(case when is_vintage_cell then 1 else 0 end) as vintage_cells,
            sum(case when unit = 'rate_per_10k' and is_percent_cell and not is_ratio_cell then 1 else 0 end) as rate_cells
        from shared_cells
        group by 1, 2
    ) as positions

),

shared_cells_positioned as (

    select c.*, p.is_merged, p.is_rate_pair
    from shared_cells as c
    inner join positions_merged as p
        on c.document = p.document
        and c.position_key = p.position_key

),

merged as (

    select
        min(cell_id) as cell_id,
        document,
        min(document_sha256) as document_sha256,
        page,
        table_id,
        min(table_title) as table_title,
        min(row_code) as row_code,
        row_label,
        row_group,
        column_label,
        {{ dbt.listagg('value_text', "' '", 'order by x0') }} as value_text,
        coalesce(
            max(case when is_percent_cell and not is_count_in_rate_column then value end),
            max(case when is_number_cell and not is_vintage_cell then value end)
        ) as value,
        coalesce(
            max(numerator),
            max(case when is_number_cell and max_percent_present then value end),
            max(case when is_count_in_rate_column then value end),
            max(bracket_count)
        ) as numerator,
        max(denominator) as denominator,
        max(bracket_count) as bracket_count,
        coalesce(max(vintage), max(case when is_vintage_cell then {{ regexp_extract('value_text', '[0-9]{4}([[:space:]]*/[[:space:]]*[0-9]{2})?', 0) }} end)) as vintage,
        coalesce(
            max(case when is_percent_cell then unit end),
            max(case when is_number_cell then unit end),
            min(unit)
        ) as unit,
        max(case when is_percent_cell and not is_count_in_rate_column then value_text end) as value_source_text,
        max(fill) as fill,
        min(x0) as x0,
        min(top) as top,
        max(x1) as x1,
        max(bottom) as bottom,
        max(loaded_at) as loaded_at,
        count(*) as printed_cells,
        true as shares_position
    from (
        -- the few cells that share a position: ordered within it (the rest need no window)
        select
            *,
            max(case when is_percent_cell then 1 else 0 end) over (partition by document, position_key) = 1
                as max_percent_present,
            is_rate_pair and row_number() over (partition by document, position_key order by x0) = 1
                as is_count_in_rate_column
        from shared_cells_positioned
        where is_merged
    ) as merged_positions
    group by document, position_key, page, table_id, row_group, coalesce(row_code, ''), row_label, column_label

),

single as (

    -- every other cell: alone at its position, or beside cells it is not merged with
    select *, 1 as cells_at_position, false as is_merged, false as is_rate_pair
    from cells_typed
    where not exists (
        select 1 from shared_positions as p
        where p.document = cells_typed.document and p.position_key = cells_typed.position_key
    )
    union all
    select * from shared_cells_positioned
    where not is_merged

),

single_cells as (

    select
        cell_id,
        document,
        document_sha256,
        page,
        table_id,
        table_title,
        row_code,
        row_label,
        row_group,
        column_label,
        value_text,
        value,
        coalesce(numerator, case when unit = 'percent' then bracket_count end) as numerator,
        -- "of 299" prints only a denominator: its number is not the cell's value
        denominator,
        bracket_count,
        vintage,
        unit,
        value_text as value_source_text,
        fill,
        x0,
        top,
        x1,
        bottom,
        loaded_at,
        1 as printed_cells,
        cells_at_position > 1 as shares_position
    from single

),

unioned as (

    select * from merged
    union all
    select * from single_cells

),

final as (

    select
        cell_id,
        document,
        document_sha256,
        page,
        table_id,
        table_title,
        row_code,
        row_label,
        row_group,
        column_label,
        -- a cell merged over several columns: the extractor lists the columns it covers
        -- ("CSC EAST > Burnley | Pendle | Rossendale | HRV", "May | June | ... | Sept - Den");
        -- it belongs to their common header ("CSC EAST"; printed flattened, "CSC EAST Burnley |
        -- CSC EAST Pendle | ...", the words its columns begin with), else to the first column ("May")
        case
            when column_label like '% | %' then
                case
                    when {{ dbt.split_part('column_label', "' | '", 1) }} like '% > %'
                        and {{ dbt.split_part('column_label', "' | '", 2) }} not like '% > %'
                        then {{ regexp_extract(dbt.split_part('column_label', "' | '", 1), '^(.*) > [^>]*$', 1) }}
                    when {{ dbt.split_part('column_label', "' | '", 1) }} not like '% > %'
                        then coalesce(
                            nullif({{ common_word_prefix(dbt.split_part('column_label', "' | '", 1), dbt.split_part('column_label', "' | '", 2)) }}, ''),
                            {{ dbt.split_part('column_label', "' | '", 1) }})
                    else {{ dbt.split_part('column_label', "' | '", 1) }}
                end
            else column_label
        end as column_header,
        value_text,
        case
            when numerator is null and denominator is not null and value = denominator
                and {{ regexp_matches('value_text', '^[[:space:]]*of[[:space:]]') }} then null
            else value
        end as value,
        numerator,
        denominator,
        bracket_count,
        vintage,
        unit,
        -- decimal places printed in the number that gave the value, for rounding checks
        coalesce(length({{ regexp_extract(
            "coalesce(" ~ regexp_extract('value_source_text', '[0-9][0-9,]*([.][0-9]+)?[[:space:]]*%', 0) ~ ", " ~ regexp_extract('value_source_text', '[0-9][0-9,]*([.][0-9]+)?', 0) ~ ")",
            '[.]([0-9]+)', 1) }}), 0) as value_decimals,
        fill,
        x0,
        top,
        x1,
        bottom,
        loaded_at,
        printed_cells,
        shares_position,
        {{ build_fingerprint_column() }}
    from unioned

)

select * from final
