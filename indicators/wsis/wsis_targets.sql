-- WSIS target indicators per economy and year, population-weighted group aggregates, progress since the first year.
-- Economies: the staged totals of each catalogued series as they are (nature kept), or, for rural coverage,
--   (coverage% - urban%) / (100 - urban%) x 100 clipped to 0-100 (ITU's estimate, nature E), weighted by rural
--   population. Aggregates: sum(value x weight) / sum(weight) over the reporting members (nature E), published
--   when they hold at least $min_population_share of the group's population; institution shares are not aggregated.
WITH catalogue AS (
    SELECT * FROM wsis_indicators WHERE computed <> 'none'
), totals AS (
    SELECT ref_area, time_period, series, obs_value * power(10, unit_mult) AS value, unit_measure, nature, source
    FROM observations WHERE sex = '_T' AND age = '_T' AND urbanisation = '_T' AND breakdown = '_T'
), direct AS (
    SELECT c.target, c.indicator, c.breakdown, c.aggregate, t.ref_area, t.time_period, t.value, t.unit_measure AS unit,
           t.nature, t.source, p.population, p.population AS weight
    FROM catalogue AS c
    JOIN totals AS t ON t.series = c.series
    LEFT JOIN population AS p ON p.ref_area = t.ref_area AND p.time_period = t.time_period
    WHERE c.computed = 'series'
), rural AS (
    SELECT c.target, c.indicator, c.breakdown, c.aggregate, cov.ref_area, cov.time_period,
           greatest(0.0, least(100.0, (cov.value - urb.value) / (100 - urb.value) * 100)) AS value,
           'PERCENT' AS unit, 'E' AS nature,
           'estimated: (' || cov.series || ' - POP_URBAN_PCT) / (100 - POP_URBAN_PCT) x 100, clipped to 0-100; '
               || coalesce(cov.source, '?') || '; ' || coalesce(urb.source, '?') AS source,
           p.population, p.population * (100 - urb.value) / 100 AS weight
    FROM catalogue AS c
    JOIN totals AS cov ON cov.series = c.series
    JOIN totals AS urb ON urb.series = 'POP_URBAN_PCT' AND urb.ref_area = cov.ref_area
                      AND urb.time_period = cov.time_period AND urb.value < 100
    LEFT JOIN population AS p ON p.ref_area = cov.ref_area AND p.time_period = cov.time_period
    WHERE c.computed = 'rural_coverage'
), economy AS (
    SELECT * FROM direct UNION ALL SELECT * FROM rural
), group_population AS (
    SELECT m.group_code, p.time_period, sum(p.population) AS population
    FROM group_members AS m JOIN population AS p ON p.ref_area = m.iso3
    GROUP BY ALL
), aggregate AS (
    SELECT e.target, e.indicator, e.breakdown, m.group_code AS ref_area, e.time_period,
           sum(e.value * e.weight) / sum(e.weight) AS value, any_value(e.unit) AS unit, 'E' AS nature,
           count(*) AS economies_reporting,
           sum(e.population) / any_value(g.population) AS population_share,
           'population-weighted mean over ' || count(*) || ' reporting economies' AS source
    FROM economy AS e
    JOIN group_members AS m ON m.iso3 = e.ref_area
    JOIN group_population AS g ON g.group_code = m.group_code AND g.time_period = e.time_period
    WHERE e.aggregate = 'population_weighted' AND e.weight IS NOT NULL
    GROUP BY e.target, e.indicator, e.breakdown, m.group_code, e.time_period
), combined AS (
    SELECT target, indicator, breakdown, ref_area, false AS is_aggregate, time_period, value, unit, nature,
           1 AS economies_reporting, NULL::DOUBLE AS population_share, source
    FROM economy
    UNION ALL
    SELECT target, indicator, breakdown, ref_area, true, time_period, value, unit, nature, economies_reporting,
           population_share, source
    FROM aggregate WHERE population_share >= $min_population_share
), with_base AS (
    SELECT *, arg_min(time_period, time_period) OVER w AS base_year, arg_min(value, time_period) OVER w AS base_value
    FROM combined
    WINDOW w AS (PARTITION BY target, indicator, breakdown, ref_area)
)
SELECT b.target, c.target_title, b.indicator, c.indicator_title, c.indicator_status, b.breakdown, b.ref_area,
       b.is_aggregate, b.time_period, b.value, b.unit, b.nature, b.economies_reporting, b.population_share,
       b.base_year, b.base_value, b.value - b.base_value AS progress, b.source, $release AS release
FROM with_base AS b
JOIN (SELECT DISTINCT target, target_title, indicator, indicator_title, indicator_status FROM wsis_indicators) AS c
  USING (target, indicator)
ORDER BY b.target, b.indicator, b.breakdown, b.ref_area, b.time_period
