SELECT series, sex, ref_area, time_period, obs_value, method, donor, nature
FROM economy_fill WHERE method <> 'reported'
ORDER BY series, sex, ref_area, time_period
