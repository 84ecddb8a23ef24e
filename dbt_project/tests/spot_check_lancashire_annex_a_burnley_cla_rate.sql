-- Lancashire Annex A, data as at 01/09/2020: CSC East > Burnley, "CLA Rate (per 10,000)" = 142.4.
{{ spot_check_value('lancashire_annex_a', '2020-09-01', 'cla_rate_per_10k', 'snapshot:2020-09-01:2020-09-01', 'lancashire_burnley', expected_value=142.4) }}
