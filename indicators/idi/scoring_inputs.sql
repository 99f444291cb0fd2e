-- The IDI inputs of every computed edition, in the order they are scored.
SELECT * FROM idi_inputs ORDER BY edition, time_period, ref_area, indicator
