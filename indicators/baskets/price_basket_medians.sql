-- Affordability by group, mirroring the MISR price tables: medians over the economies of each group (membership as
-- staged in group_members) with a % GNI value, and how many of them meet the target (meets_2pct_target).
SELECT g.code AS group_code, g.name AS group_name, p.time_period, p.basket, p.method,
       count(*) AS economies,
       median(p.pct_gni) AS median_pct_gni,
       median(p.price_usd) AS median_price_usd,
       median(p.price_ppp) AS median_price_ppp,
       count(*) FILTER (WHERE p.meets_2pct_target) AS economies_meeting_target,
       count(*) FILTER (WHERE p.meets_2pct_target) / count(*) AS share_meeting_target,
       count(*) FILTER (WHERE p.nature = 'E') AS economies_with_gni_fallback
FROM price_baskets p
JOIN group_members m ON m.iso3 = p.ref_area
JOIN groups g ON g.code = m.group_code
WHERE p.pct_gni IS NOT NULL
GROUP BY g.code, g.name, p.time_period, p.basket, p.method
ORDER BY group_code, time_period, basket, method
