-- The filled economy values of the aggregated SDG series, under their SDG codes.
SELECT c.sdg_series AS series, f.sex, f.ref_area, f.time_period, f.obs_value, f.method, f.donor,
       f.nature
FROM economy_fill AS f JOIN series_catalogue AS c ON c.series = f.series
WHERE f.method <> 'reported' AND list_contains($aggregated_sdg_codes, c.sdg_indicator)
ORDER BY series, sex, ref_area, time_period
