-- Region and world comparators of each profile item, read from the table that publishes them, never recomputed:
-- population-weighted items and the population from `aggregates` (the one aggregation engine: ITU membership,
-- every member filled first). Items marked `none` (4.4.1 skills, 5.b.1 ownership) have no aggregate (METHODOLOGY
-- 1.3 point 4); prices come from price_basket_medians (profile_price_comparators.sql).
SELECT a.ref_area AS group_code, a.time_period, i.item, a.obs_value AS value
FROM aggregates AS a
JOIN profile_items AS i ON i.series = a.series AND i.sex = a.sex AND i.breakdown = '_T'
JOIN groups AS g ON g.code = a.ref_area
WHERE i.aggregate IN ('weighted', 'sum') AND g.kind IN ('itu_region', 'world')
ORDER BY group_code, time_period, item
