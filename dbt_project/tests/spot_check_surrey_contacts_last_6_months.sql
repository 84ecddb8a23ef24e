-- Surrey select-committee pack, 14 December 2020: ChAT headline "Contacts in the last 6
-- months" = 26,618.
{{ spot_check_value('surrey_cfllc', '2020-12-14', 'contacts_count', 'six_months:2020-06-15:2020-12-14', 'surrey', expected_value=26618) }}
