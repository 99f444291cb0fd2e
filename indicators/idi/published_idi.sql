SELECT * FROM idi ORDER BY edition, time_period, ref_area
