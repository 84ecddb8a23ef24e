-- North-East KPI report, Quarter 2 2017/18: CSC 038 "% of children & families assessments
-- completed within 45 working days", collected year to date: Sept = 94, Sept - Num 539,
-- Sept - Den 574.
{{ spot_check_value('ne_kpi', '2017-09-30', 'assessments_within_45_days_pct', 'financial_year_to_date:2017-04-01:2017-09-30', 'north_east_council_unnamed', expected_value=94, expected_numerator=539, expected_denominator=574) }}
