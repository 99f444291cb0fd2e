SELECT * FROM idi_inputs ORDER BY edition, time_period, ref_area, indicator
