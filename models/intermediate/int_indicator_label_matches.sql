-- Each distinct printed indicator label (family, table title, section, code, label) and the
-- canonical indicator the crosswalk maps it to. The most specific crosswalk row wins (a table
-- title over any table, a section over none, a label over the wildcard '*'). Titles, sections
-- and labels are compared normalised; no mapping depends on the page a label is printed on.
-- Labels no crosswalk row matches are kept, with a null indicator_code and status 'unmapped'.
with located as (

    select * from {{ ref('int_report_cells__located') }}
    where cell_role in ('value', 'numerator', 'denominator', 'benchmark', 'target', 'printed_rag', 'printed_direction')

),

crosswalk as (

    select
        family,
        coalesce(source_table_title, '') as source_table_title,
        coalesce(source_group, '') as source_group,
        coalesce(source_code, '') as source_code,
        coalesce(source_label, '') as source_label,
        match_on,
        nullif(trim(coalesce(indicator_code, '')), '') as indicator_code,
        coalesce(period_basis, '') as period_basis,
        note,
        {{ normalise_label('source_table_title') }} as source_table_title_key,
        {{ normalise_label('source_group') }} as source_group_key,
        {{ normalise_label('source_label') }} as source_label_key,
        upper(trim(coalesce(source_code, ''))) as source_code_key
    from {{ ref('indicator_crosswalk') }}

),

printed_labels as (

    select
        family,
        coalesce(table_title, '') as table_title,
        coalesce(indicator_source_group, '') as source_group,
        coalesce(indicator_source_code, '') as source_code,
        coalesce(indicator_source_label, '') as source_label,
        min(table_id) as table_id,
        min(page) as example_page,
        count(*) as cells,
        sum(case when value is not null or numerator is not null or denominator is not null then 1 else 0 end) as value_cells,
        min(document) as example_document
    from located
    group by 1, 2, 3, 4, 5

),

printed_label_keys as (

    select
        *,
        {{ normalise_label('table_title') }} as table_title_key,
        {{ normalise_label('source_group') }} as source_group_key,
        {{ normalise_label('source_label') }} as source_label_key,
        upper(trim(source_code)) as source_code_key
    from printed_labels

),

candidates as (

    select
        p.family,
        p.table_title,
        p.source_group,
        p.source_code,
        p.source_label,
        x.indicator_code,
        x.period_basis,
        x.match_on,
        x.note,
        case when x.source_table_title <> '' then 100 else 0 end
            + case when x.source_group <> '' then 10 else 0 end
            + case when x.source_label <> '*' then 1 else 0 end as specificity
    from printed_label_keys as p
    inner join crosswalk as x
        on coalesce(p.family, '') like x.family
        and (x.source_table_title = '' or x.source_table_title_key = p.table_title_key)
        and (x.source_group = '' or x.source_group_key = p.source_group_key)
        and (
            (x.match_on = 'code' and x.source_code_key <> '' and x.source_code_key = p.source_code_key)
            or (x.match_on = 'label' and (x.source_label = '*' or x.source_label_key = p.source_label_key))
        )

),

ranked as (

    select
        *,
        rank() over (
            partition by family, table_title, source_group, source_code, source_label
            order by specificity desc
        ) as match_rank,
        count(distinct coalesce(indicator_code, '#excluded')) over (
            partition by family, table_title, source_group, source_code, source_label, specificity
        ) as rival_indicators
    from candidates

),

best as (

    select
        family, table_title, source_group, source_code, source_label,
        min(indicator_code) as indicator_code,
        min(period_basis) as period_basis,
        min(match_on) as match_on,
        min(note) as crosswalk_note,
        max(rival_indicators) as rival_indicators,
        count(*) as matched_rows
    from ranked
    where match_rank = 1
    group by 1, 2, 3, 4, 5

),

final as (

    select
        {{ dbt.hash(dbt.concat(["coalesce(p.family, '')", "'|'", "p.table_title", "'|'", "p.source_group", "'|'", "p.source_code", "'|'", "p.source_label"])) }} as label_key,
        p.family,
        p.table_title,
        p.table_id,
        p.example_page,
        p.source_group,
        p.source_code,
        p.source_label,
        p.cells,
        p.value_cells,
        p.example_document,
        b.indicator_code,
        nullif(b.period_basis, '') as period_basis,
        b.match_on,
        b.crosswalk_note,
        case
            when b.matched_rows is null then 'unmapped'
            when b.rival_indicators > 1 then 'ambiguous'
            when b.indicator_code is null then 'excluded'
            else 'mapped'
        end as match_status
    from printed_label_keys as p
    left join best as b
        on coalesce(p.family, '') = coalesce(b.family, '')
        and p.table_title = b.table_title
        and p.source_group = b.source_group
        and p.source_code = b.source_code
        and p.source_label = b.source_label

)

select * from final
