-- Rotherham monthly report, December 2020 edition: "% of initial child protection conference
-- (ICPCs) completed within 15 days of S47", Dec-20 = 38.1% (summary page and topic page 5.5).
{{ spot_check_value('rotherham_monthly', '2020-12-31', 'icpc_within_15_days_pct', 'month:2020-12-01:2020-12-31', 'rotherham', expected_value=38.1) }}
