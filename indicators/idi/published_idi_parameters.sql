SELECT * FROM idi_parameters ORDER BY edition, sub_index, indicator, parameter
