-- The SDG aggregates (of every spec whose `sdg:` block aggregates: 9.c.1, 17.6.1 total, 17.8.1 total and by sex) as the one aggregation engine computed them
-- (table aggregates, indicators/aggregates): SDG codes, every aggregate with its coverage and vintages.
SELECT c.sdg_indicator AS indicator, c.sdg_series AS series, a.ref_area, a.ref_area_m49, a.time_period, a.sex,
       a.obs_value, c.unit_measure, a.coverage_pct, a.economies_total, a.economies_reported, a.economies_imputed,
       a.nature, a.low_coverage, a.membership_vintage, a.population_source, a.comment
FROM aggregates AS a JOIN series_catalogue AS c ON c.series = a.series
WHERE list_contains($aggregated_sdg_codes, c.sdg_indicator)
ORDER BY series, ref_area, time_period, sex
