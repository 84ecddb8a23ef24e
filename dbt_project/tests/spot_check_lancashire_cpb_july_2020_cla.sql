-- Lancashire Corporate Parenting Board pack (10 September 2020), Monthly Performance Report
-- July 2020, "Number of CLA at the month end": Jul-20 = 2155, rate per 10,000 = 85.8.
select * from (
    {{ spot_check_value('lancashire_cpb_pack', '2020-09-10', 'cla_count', 'month:2020-07-01:2020-07-31', 'lancashire', expected_value=2155) }}
) as cla_count

union all

select * from (
    {{ spot_check_value('lancashire_cpb_pack', '2020-09-10', 'cla_rate_per_10k', 'month:2020-07-01:2020-07-31', 'lancashire', expected_value=85.8) }}
) as cla_rate
