SELECT $release AS release, c.sdg_series AS series, f.sex, f.ref_area, f.time_period, f.obs_value, f.method, f.donor,
       f.nature
FROM economy_fill AS f JOIN series_catalogue AS c ON c.series = f.series
WHERE f.method <> 'reported' AND c.sdg_indicator IN ('9.c.1', '17.6.1', '17.8.1')
ORDER BY series, sex, ref_area, time_period
