SELECT * FROM wsis_targets ORDER BY target, indicator, breakdown, ref_area, time_period
