-- WSIS target indicators per economy and year, group aggregates, progress since the first year.
-- Economies, by how the catalogue says each indicator is measured (computed):
--   series          the staged totals of the series for the listed breakdowns, as they are (nature kept);
--   sdg             the SDG indicator's own rows in sdg_indicators, economies and aggregates, so both tables agree;
--   rural_coverage  the rural rows of sdg_9_c_1: reported by the economy, or estimated there from the urban share
--                   (nature E).
-- Aggregates of series marked population_weighted are the aggregation engine's (table aggregates: ITU membership,
-- every member filled, population weights, coverage), so WSIS and every other table show one value; rural coverage
-- is not aggregated by the engine yet; institution shares and composite indices are not aggregated.
WITH catalogue AS (
    SELECT wi.*, sc.sdg_series
    FROM wsis_indicators AS wi LEFT JOIN series_catalogue AS sc USING (series)
    WHERE wi.computed <> 'none'
), totals AS (
    SELECT ref_area, time_period, series, breakdown, obs_value * power(10, unit_mult) AS value, unit_measure, nature,
           source
    FROM observations WHERE sex = '_T' AND age = '_T' AND urbanisation = '_T'
), direct AS (
    SELECT c.target, c.indicator, c.breakdown, c.aggregate, t.ref_area, t.time_period, t.value, t.unit_measure AS unit,
           t.nature, t.source
    FROM catalogue AS c
    JOIN totals AS t ON t.series = c.series AND t.breakdown = c.breakdown
    WHERE c.computed = 'series'
), rural AS (
    SELECT c.target, c.indicator, c.breakdown, c.aggregate, r.ref_area, r.time_period, r.obs_value AS value,
           'PERCENT' AS unit, r.nature,
           concat_ws('; ', 'sdg_9_c_1 rural', r.source, r.comment) AS source
    FROM catalogue AS c
    JOIN sdg_9_c_1 AS r ON r.series = c.sdg_series AND r.urbanisation = 'R' AND r.sex = '_T' AND r.age = '_T'
    WHERE c.computed = 'rural_coverage'
), economy AS (
    SELECT * FROM direct UNION ALL SELECT * FROM rural
), aggregate AS (   -- the one aggregation engine's values (indicators/aggregates), never recomputed here
    SELECT c.target, c.indicator, c.breakdown, a.ref_area, a.time_period, a.obs_value AS value, c.unit, a.nature,
           a.economies_reported AS economies_reporting, a.coverage_pct / 100 AS population_share,
           concat_ws('; ', 'aggregates ' || a.series, a.comment) AS source
    FROM catalogue AS c JOIN aggregates AS a ON a.series = c.series AND a.sex = '_T'
    WHERE c.computed = 'series' AND c.aggregate = 'population_weighted' AND c.breakdown = '_T'
), sdg AS (
    SELECT c.target, c.indicator, c.breakdown, s.ref_area, s.area_type = 'aggregate' AS is_aggregate, s.time_period,
           s.obs_value AS value, s.unit_measure AS unit, s.nature,
           coalesce(s.economies_reported, 1) AS economies_reporting,
           s.coverage_pct / 100 AS population_share,
           concat_ws('; ', 'sdg_indicators ' || s.indicator, s.source, s.comment) AS source
    FROM catalogue AS c
    JOIN sdg_indicators AS s ON s.series = c.sdg_series AND s.sex = '_T' AND s.age = '_T' AND s.urbanisation = '_T'
                            AND s.composite_breakdown = c.breakdown
    WHERE c.computed = 'sdg'
), combined AS (
    SELECT target, indicator, breakdown, ref_area, false AS is_aggregate, time_period, value, unit, nature,
           1 AS economies_reporting, NULL::DOUBLE AS population_share, source
    FROM economy
    UNION ALL
    SELECT target, indicator, breakdown, ref_area, true, time_period, value, unit, nature, economies_reporting,
           population_share, source
    FROM aggregate
    UNION ALL
    SELECT target, indicator, breakdown, ref_area, is_aggregate, time_period, value, unit, nature, economies_reporting,
           CASE WHEN is_aggregate THEN population_share END, source
    FROM sdg
), with_base AS (
    SELECT *, arg_min(time_period, time_period) OVER w AS base_year, arg_min(value, time_period) OVER w AS base_value
    FROM combined
    WINDOW w AS (PARTITION BY target, indicator, breakdown, ref_area)
)
SELECT b.target, c.target_title, b.indicator, c.indicator_title, c.indicator_status, c.measure_status, b.breakdown,
       b.ref_area, b.is_aggregate, b.time_period, b.value, b.unit, b.nature, b.economies_reporting, b.population_share,
       b.base_year, b.base_value, b.value - b.base_value AS progress, b.source
FROM with_base AS b
JOIN (SELECT DISTINCT target, target_title, indicator, indicator_title, indicator_status, measure_status
      FROM wsis_indicators) AS c
  USING (target, indicator)
ORDER BY b.target, b.indicator, b.breakdown, b.ref_area, b.time_period
