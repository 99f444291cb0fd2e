SELECT $release AS release, series, sex, ref_area, time_period, obs_value, method, nature
FROM sdg_economy_fill WHERE method <> 'reported'
ORDER BY series, sex, ref_area, time_period
