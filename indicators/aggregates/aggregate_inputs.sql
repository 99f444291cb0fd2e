-- Economy values the aggregation engine fills and weights, one row per series, sex, economy and year (totals over
-- age, area and breakdown). The aggregated SDG series come from their SDG tables ($aggregated_sdg_tables: the specs
-- whose `sdg:` block aggregates; 17.6.1 includes rates derived from counts), so the SDG aggregates and every other
-- family's aggregates start from the same numbers; other series from the staged observations.
WITH sdg AS (SELECT * FROM query_table($aggregated_sdg_tables, true))
SELECT c.series, s.sex, s.ref_area, s.time_period, s.obs_value, s.nature
FROM sdg AS s JOIN series_catalogue AS c ON c.sdg_series = s.series
WHERE s.age = '_T' AND s.urbanisation = '_T' AND s.composite_breakdown = '_T'
UNION ALL
SELECT o.series, o.sex, o.ref_area, o.time_period, o.obs_value * power(10, o.unit_mult) AS obs_value, o.nature
FROM observations AS o JOIN series_catalogue AS c ON c.series = o.series
WHERE o.age = '_T' AND o.urbanisation = '_T' AND o.breakdown = '_T'
  AND NOT list_contains($aggregated_sdg_codes, coalesce(c.sdg_indicator, ''))
ORDER BY series, sex, ref_area, time_period
