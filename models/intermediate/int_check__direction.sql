-- Every value whose report prints a direction-of-travel arrow, beside the direction computed
-- from the previous period's value and the row's polarity (movement up / down / same for an
-- indicator without a good direction). direction_matches is false where they differ.
select
    indicator_value_id,
    document,
    family,
    edition_date,
    indicator_code,
    period_key,
    org_unit_code,
    effective_polarity,
    value,
    previous_value,
    previous_value_source,
    movement,
    direction as computed_direction,
    printed_direction,
    printed_direction_meaning,
    printed_direction_meaning is not null
        and printed_direction_meaning = coalesce(direction, movement) as direction_matches,
    page
from {{ ref('int_indicator_value_statuses') }}
where printed_arrow is not null
