SELECT * FROM wsis_indicators ORDER BY target, indicator, series
