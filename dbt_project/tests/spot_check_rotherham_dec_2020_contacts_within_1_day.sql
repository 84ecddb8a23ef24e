-- Rotherham monthly report, December 2020 edition, contacts page: Jan-20 "972 of 1666" and
-- "58.3%" are one value with its numerator and denominator.
{{ spot_check_value('rotherham_monthly', '2020-12-31', 'contacts_decision_1_working_day_pct', 'month:2020-01-01:2020-01-31', 'rotherham', expected_value=58.3, expected_numerator=972, expected_denominator=1666) }}
