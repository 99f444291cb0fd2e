-- Affordability by group, mirroring the MISR price tables: medians over the economies of each group with a % GNI
-- value (METHODOLOGY 4.1: affordability aggregates are medians), with the same membership (group_members, ITU 2025)
-- and coverage accounting as the aggregation engine: members, members with a price, and their population share.
WITH sizes AS (
    SELECT m.group_code, w.time_period, count(*) AS economies_total, sum(w.population) AS population
    FROM group_members AS m JOIN population_weights AS w ON w.ref_area = m.iso3 AND w.sex = '_T'
    GROUP BY ALL
)
SELECT g.code AS group_code, g.name AS group_name, p.time_period, p.basket, p.method,
       count(*) AS economies,
       any_value(s.economies_total) AS economies_total,
       coalesce(sum(w.population) / any_value(s.population) * 100, 0) AS coverage_pct,
       median(p.pct_gni) AS median_pct_gni,
       median(p.price_usd) AS median_price_usd,
       median(p.price_ppp) AS median_price_ppp,
       count(*) FILTER (WHERE p.meets_2pct_target) AS economies_meeting_target,
       count(*) FILTER (WHERE p.meets_2pct_target) / count(*) AS share_meeting_target,
       count(*) FILTER (WHERE p.nature = 'E') AS economies_with_gni_fallback,
       any_value(g.membership_vintage) AS membership_vintage
FROM price_baskets AS p
JOIN group_members AS m ON m.iso3 = p.ref_area
JOIN groups AS g ON g.code = m.group_code
LEFT JOIN population_weights AS w ON w.ref_area = p.ref_area AND w.time_period = p.time_period AND w.sex = '_T'
LEFT JOIN sizes AS s ON s.group_code = g.code AND s.time_period = p.time_period
WHERE p.pct_gni IS NOT NULL
GROUP BY g.code, g.name, p.time_period, p.basket, p.method
ORDER BY group_code, time_period, basket, method
