-- Lancashire Annex A, data as at 01/09/2020: Preston, "Assessments Within 45 Days (6 Month
-- Rate)" = 92%, read as the six months March to August 2020.
{{ spot_check_value('lancashire_annex_a', '2020-09-01', 'assessments_within_45_days_pct', 'six_months:2020-03-01:2020-08-31', 'lancashire_preston', expected_value=92) }}
