-- Rotherham monthly report, December 2020 edition: "% of re-referral in 12 months - rolling
-- 12 mths", Dec-20 = 18.8%, read as the 12 months to December 2020.
{{ spot_check_value('rotherham_monthly', '2020-12-31', 're_referrals_within_12_months_pct', 'rolling_12_months:2020-01-01:2020-12-31', 'rotherham', expected_value=18.8) }}
