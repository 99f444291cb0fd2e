SELECT * FROM wsis_availability ORDER BY target, time_period
