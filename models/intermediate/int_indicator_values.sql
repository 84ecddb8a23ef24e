-- One value per indicator, period, org unit and source document. Where a document prints the
-- same value more than once (the Rotherham summary and its topic page, "972 of 1666" beside
-- "58.3%", a numerator column beside the month), the printed cells are combined: the value
-- from the best cell (one with a number, in the indicator's unit, most decimals, from a detail
-- table before a summary row, first page),
-- numerator and denominator from any cell that prints them. is_latest marks, for each
-- indicator, period and org unit, the value of the newest edition that prints a number.
-- The choices are aggregates (first_by), not windows over whole cells, and the latest edition
-- is ranked over the cells, not the finished rows (which DuckDB would then hold whole for
-- their two readers): this model handles every value cell of every edition.
-- Incremental by document (macros/incremental.sql): a run rebuilds the values of new, changed
-- and re-read documents only; is_latest, which compares editions, is then set again over the
-- whole table by a post-hook (macros/latest_values.sql).
-- CTEs over every cell are `not materialized`: DuckDB would otherwise hold a CTE that is read
-- twice in memory (gigabytes at warehouse scale); each reader scans the table again instead.
{{ config(post_hook="{{ refresh_latest_values() }}") }}
-- depends_on: {{ ref('stg_raw__source_documents') }}

with cells as not materialized (

    select * from {{ ref('int_report_cells__resolved') }}
    where cell_role in ('value', 'numerator', 'denominator')
        and indicator_code is not null
        and period_key is not null
        and org_unit_code is not null
        {% if is_incremental() %}
        and document in ({{ documents_to_rebuild() }})
        {% endif %}

),

indicators as (

    select indicator_code, unit as indicator_unit from {{ ref('indicators') }}

),

councils as (

    select org_unit_code, org_unit_name from {{ ref('org_units') }}

),

cells_with_units as not materialized (

    -- a count printed beside a placeholder for a percentage or rate indicator ("615" beside
    -- "-", the percentage not printed) is the numerator, not the value
    select
        c.*,
        i.indicator_unit,
        c.cell_role = 'value' and c.unit = 'count' and c.shares_position
            and i.indicator_unit in ('percent', 'rate_per_10k') as is_count_for_ratio
    from cells as c
    left join indicators as i on c.indicator_code = i.indicator_code

),

value_groups as (

    -- one group per value: which printed cell gives the value (the best by the order below),
    -- and the numerator and denominator any of its cells prints
    select
        document, indicator_code, period_key, org_unit_code,
        {%- set best_cell_order %}
            case when cell_role = 'value' then 0 else 1 end,
            case when value is not null and not is_count_for_ratio then 0 else 1 end,
            case when unit = indicator_unit then 0 else 1 end,
            case when period_type = 'financial_year' and period_basis = 'fytd' then 0 else 1 end,
            value_decimals desc,
            case when layout = 'indicator_columns' then 0 else 1 end,
            page,
            top,
            x0,
            cell_id
        {%- endset %}
        {{ first_by('cell_id', best_cell_order) }} as best_cell_id,
        -- (the order, in words: a value cell; one with a number that is not a count beside a
        -- ratio; in the indicator's unit; a financial year's figure from a row collected year to
        -- date over one collected monthly; most decimals; a detail table (one indicator a
        -- column, full monthly series) over a summary row; then the first printed)
        coalesce(
            max(case when cell_role = 'value' then numerator end),
            max(case when is_count_for_ratio then value end)
        ) as printed_numerator,
        max(case when cell_role = 'value' then denominator end) as printed_denominator,
        max(case when cell_role = 'numerator' then value end) as column_numerator,
        max(case when cell_role = 'denominator' then value end) as column_denominator,
        -- how many distinct values the cells print is counted below, and only where these differ
        min(case when cell_role = 'value' and not is_count_for_ratio then value end) as least_printed_value,
        max(case when cell_role = 'value' and not is_count_for_ratio then value end) as greatest_printed_value,
        count(*) as printed_cells_for_value
    from cells_with_units
    group by 1, 2, 3, 4

),

conflicting_values as (

    -- the distinct values of the groups whose cells print more than one. A count(distinct)
    -- above would run a second aggregate of every cell on the four keys' strings; this one
    -- runs on 64-bit hashes of them, and few groups come out of it (two keys of one document
    -- sharing a hash is beyond any chance that matters)
    select document_hash, value_key_hash, count(*) as distinct_printed_values
    from (
        select distinct
            hash(document) as document_hash,
            hash(indicator_code, period_key, org_unit_code) as value_key_hash,
            value
        from cells_with_units
        where cell_role = 'value' and not is_count_for_ratio and value is not null
    ) as printed_values
    group by 1, 2
    having count(*) > 1

),

latest as (

    -- for each indicator, period and org unit, the newest edition that prints a number (an
    -- edition prints one where any of its cells gives the value or a numerator)
    {{ latest_documents('cells_with_units', "
        (c.cell_role = 'value' and c.value is not null and not c.is_count_for_ratio)
        or (c.cell_role = 'value' and c.numerator is not null)
        or (c.is_count_for_ratio and c.value is not null)
        or (c.cell_role = 'numerator' and c.value is not null)") }}

),

document_attributes as (

    -- the polarity and collection the document prints in the indicator's summary row
    -- apply to its values in the detail tables too (only rows that print them: most don't)
    select document, indicator_code, max(printed_polarity_text) as document_polarity_text
    from cells_with_units
    where printed_polarity_text is not null
    group by 1, 2

),

document_collection as (

    select document, indicator_code, period_basis, max(collected_text) as document_collected_text
    from cells_with_units
    where collected_text is not null
    group by 1, 2, 3

),

combined as (

    select
        r.document,
        r.family,
        -- the council's name as dim_org_unit spells it, whatever the report calls itself
        coalesce(council_names.org_unit_name, r.council) as council,
        r.edition_date,
        r.indicator_code,
        r.period_key,
        r.period_type,
        r.period_start,
        r.period_end,
        r.org_unit_code,
        r.council_org_unit_code,
        case when r.cell_role = 'value' and not r.is_count_for_ratio then r.value end as value,
        coalesce(p.printed_numerator, p.column_numerator) as numerator,
        coalesce(p.printed_denominator, p.column_denominator) as denominator,
        case when r.cell_role = 'value' then r.bracket_count end as bracket_count,
        -- the indicator's unit: the unit read from a printed cell is a guess from its text and
        -- its row or column (kept as printed_unit)
        r.indicator_unit as unit,
        r.unit as printed_unit,
        case when r.cell_role = 'value' then r.value_text else '' end as value_text,
        r.value_decimals,
        r.page,
        r.table_id,
        r.row_code as source_row_code,
        r.row_label as source_row_label,
        r.row_group as source_row_group,
        r.column_label as source_column_label,
        r.x0,
        r.top,
        r.x1,
        r.bottom,
        r.cell_id as source_cell_id,
        coalesce(r.printed_polarity_text, a.document_polarity_text) as printed_polarity_text,
        coalesce(r.collected_text, k.document_collected_text) as collected_text,
        case
            when p.least_printed_value is null then 0
            when p.least_printed_value = p.greatest_printed_value then 1
            else v.distinct_printed_values
        end as distinct_printed_values,
        p.printed_cells_for_value,
        r.loaded_at,
        r.document_sha256,
        r.document = l.latest_document as is_latest
    from value_groups as p
    inner join cells_with_units as r on p.best_cell_id = r.cell_id
    inner join latest as l
        on r.indicator_code = l.indicator_code
        and r.period_key = l.period_key
        and r.org_unit_code = l.org_unit_code
    left join conflicting_values as v
        on hash(r.document) = v.document_hash
        and hash(r.indicator_code, r.period_key, r.org_unit_code) = v.value_key_hash
    left join councils as council_names on r.council_org_unit_code = council_names.org_unit_code
    left join document_attributes as a
        on r.document = a.document
        and r.indicator_code = a.indicator_code
    left join document_collection as k
        on r.document = k.document
        and r.indicator_code = k.indicator_code
        and r.period_basis is not distinct from k.period_basis

),

final as (

    select
        {{ dbt.hash(dbt.concat(["indicator_code", "'|'", "period_key", "'|'", "org_unit_code", "'|'", "document"])) }} as indicator_value_id,
        *,
        case
            when lower(trim(printed_polarity_text)) in ('high', 'bigger', 'higher') then 'higher_is_better'
            when lower(trim(printed_polarity_text)) in ('low', 'smaller', 'lower') then 'lower_is_better'
            when lower(trim(printed_polarity_text)) like 'within%(low)%' then 'lower_is_better'
            when lower(trim(printed_polarity_text)) like 'within%(high)%' then 'higher_is_better'
            when lower(trim(printed_polarity_text)) like 'within%' then 'within_range'
            when lower(trim(printed_polarity_text)) in ('info', 'none', 'information') then 'information_only'
        end as printed_polarity,
        {{ build_fingerprint_column() }}
    from combined

)

select * from final
