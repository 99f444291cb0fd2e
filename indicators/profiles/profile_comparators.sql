-- Comparators for each profile item: the ITU region's and the world's value per year.
-- Population-weighted mean (METHODOLOGY 1.3: sum of pct x pop over sum of pop; the weight is the item's
-- population: total, female or male), median for prices (4.1: affordability aggregates are medians), sum for
-- population. Items marked `none` (4.4.1 skills, 5.b.1 ownership) get no aggregate (1.3 point 4).
-- A comparator is kept only when the economies with a value hold at least $coverage_threshold of the group's
-- population that year; it is not imputed (ITU fills every country first, so ITU's own aggregates differ).
WITH members AS (
    SELECT m.group_code, m.iso3
    FROM group_members AS m JOIN groups AS g ON g.code = m.group_code
    WHERE g.kind IN ('itu_region', 'world')
), weights AS (
    SELECT ref_area, time_period, series, obs_value AS weight
    FROM observations
    WHERE series IN ('POP_TOTAL', 'POP_FEMALE', 'POP_MALE')
      AND sex = '_T' AND age = '_T' AND urbanisation = '_T' AND breakdown = '_T'
), group_population AS (
    SELECT m.group_code, w.time_period, w.series, sum(w.weight) AS population
    FROM members AS m JOIN weights AS w ON w.ref_area = m.iso3
    GROUP BY m.group_code, w.time_period, w.series
), valued AS (
    SELECT m.group_code, v.time_period, v.item, i.aggregate, v.value, coalesce(i.weight, 'POP_TOTAL') AS weight_series,
           w.weight
    FROM profile_values AS v
    JOIN profile_items AS i ON i.item = v.item
    JOIN members AS m ON m.iso3 = v.ref_area
    LEFT JOIN weights AS w
      ON w.ref_area = v.ref_area AND w.time_period = v.time_period AND w.series = coalesce(i.weight, 'POP_TOTAL')
    WHERE i.aggregate <> 'none'
), aggregated AS (
    SELECT group_code, time_period, item, weight_series,
           CASE any_value(aggregate)
               WHEN 'sum' THEN sum(value)
               WHEN 'median' THEN median(value)
               ELSE sum(value * weight) / sum(weight)
           END AS value,
           sum(weight) AS covered_population
    FROM valued
    GROUP BY group_code, time_period, item, weight_series
)
SELECT a.group_code, a.time_period, a.item, a.value, a.covered_population / p.population AS coverage
FROM aggregated AS a
JOIN group_population AS p
  ON p.group_code = a.group_code AND p.time_period = a.time_period AND p.series = a.weight_series
WHERE a.covered_population / p.population >= $coverage_threshold
ORDER BY a.group_code, a.time_period, a.item
