-- One value per indicator, period, org unit and source document. Where a document prints the
-- same value more than once (the Rotherham summary and its topic page, "972 of 1666" beside
-- "58.3%", a numerator column beside the month), the printed cells are combined: the value
-- from the best cell (one with a number, in the indicator's unit, most decimals, from a detail
-- table before a summary row, first page),
-- numerator and denominator from any cell that prints them. is_latest marks, for each
-- indicator, period and org unit, the value of the newest edition that prints a number.
with cells as (

    select * from {{ ref('int_report_cells__resolved') }}
    where cell_role in ('value', 'numerator', 'denominator')
        and indicator_code is not null
        and period_key is not null
        and org_unit_code is not null

),

indicators as (

    select indicator_code, unit as indicator_unit from {{ ref('indicators') }}

),

documents as (

    select document, loaded_at as document_loaded_at from {{ ref('stg_raw__source_documents') }}

),

councils as (

    select org_unit_code, org_unit_name from {{ ref('org_units') }}

),

cells_with_units as (

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

ranked as (

    select
        c.*,
        row_number() over (
            partition by c.document, c.indicator_code, c.period_key, c.org_unit_code
            order by
                case when c.cell_role = 'value' then 0 else 1 end,
                case when c.value is not null and not c.is_count_for_ratio then 0 else 1 end,
                case when c.unit = c.indicator_unit then 0 else 1 end,
                -- a financial year's figure from a row collected year to date over one collected monthly
                case when c.period_type = 'financial_year' and c.period_basis = 'fytd' then 0 else 1 end,
                c.value_decimals desc,
                -- a detail table (one indicator a column, full monthly series) over a summary row
                case when c.layout = 'indicator_columns' then 0 else 1 end,
                c.page,
                c.top,
                c.x0
        ) as cell_rank,
        count(distinct case when c.cell_role = 'value' and not c.is_count_for_ratio then c.value end) over (
            partition by c.document, c.indicator_code, c.period_key, c.org_unit_code
        ) as distinct_printed_values,
        count(*) over (
            partition by c.document, c.indicator_code, c.period_key, c.org_unit_code
        ) as printed_cells_for_value,
        -- the polarity and collection the document prints in the indicator's summary row
        -- apply to its values in the detail tables too
        max(c.printed_polarity_text) over (partition by c.document, c.indicator_code) as document_polarity_text,
        max(c.collected_text) over (partition by c.document, c.indicator_code, c.period_basis) as document_collected_text
    from cells_with_units as c

),

ratio_parts as (

    select
        document, indicator_code, period_key, org_unit_code,
        coalesce(
            max(case when cell_role = 'value' then numerator end),
            max(case when is_count_for_ratio then value end)
        ) as printed_numerator,
        max(case when cell_role = 'value' then denominator end) as printed_denominator,
        max(case when cell_role = 'numerator' then value end) as column_numerator,
        max(case when cell_role = 'denominator' then value end) as column_denominator
    from cells_with_units
    group by 1, 2, 3, 4

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
        coalesce(r.printed_polarity_text, r.document_polarity_text) as printed_polarity_text,
        coalesce(r.collected_text, r.document_collected_text) as collected_text,
        r.distinct_printed_values,
        r.printed_cells_for_value,
        r.loaded_at
    from ranked as r
    left join councils as council_names on r.council_org_unit_code = council_names.org_unit_code
    inner join ratio_parts as p
        on r.document = p.document
        and r.indicator_code = p.indicator_code
        and r.period_key = p.period_key
        and r.org_unit_code = p.org_unit_code
    where r.cell_rank = 1

),

with_latest as (

    select
        c.*,
        row_number() over (
            partition by c.indicator_code, c.period_key, c.org_unit_code
            order by
                case when c.value is not null or c.numerator is not null then 0 else 1 end,
                c.edition_date desc,
                d.document_loaded_at desc,
                c.document desc
        ) = 1 as is_latest
    from combined as c
    left join documents as d on c.document = d.document

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
        end as printed_polarity
    from with_latest

)

select * from final
