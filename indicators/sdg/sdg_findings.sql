-- Warnings on the SDG tables (they never block publishing; a Dagster check warns when this table has rows):
-- 17.6.1 rate reported beside a count that gives a rate more than $rate_tolerance_pct % away (World Bank population,
-- view rates_from_counts), and 9.c.1 coverage of a newer technology above an older one for the same economy, year
-- and area.
WITH rate AS (
    SELECT * FROM observations WHERE series = 'FBB_SUBS_P100' AND sex = '_T'
),
from_count AS (
    SELECT ref_area, time_period, breakdown, age, urbanisation, obs_value AS rate, provenance
    FROM rates_from_counts WHERE series = 'FBB_SUBS_P100' AND sex = '_T'
),
rate_vs_count AS (
    SELECT '17.6.1' AS indicator, 'rate_disagrees_with_count' AS rule, r.ref_area, r.time_period,
           'IT_NET_BBND' AS series, r.obs_value,
           'reported ' || round(r.obs_value, 3) || ' per 100, but the count and World Bank population give '
               || round(d.rate, 3) || ' (' || round((d.rate - r.obs_value) / r.obs_value * 100, 1) || '%)' AS detail,
           r.file || ':' || r.line || ' vs ' || d.provenance AS provenance
    FROM rate r JOIN from_count d USING (ref_area, time_period, breakdown, age, urbanisation)
    WHERE r.obs_value > 0 AND abs(d.rate - r.obs_value) / r.obs_value * 100 > $rate_tolerance_pct
),
coverage_order AS (
    SELECT '9.c.1' AS indicator, 'newer_technology_above_older' AS rule, hi.ref_area, hi.time_period, hi.series,
           hi.obs_value, hi.series || ' ' || round(hi.obs_value, 2) || '% is above ' || lo.series || ' '
               || round(lo.obs_value, 2) || '% (area ' || hi.urbanisation || ')' AS detail,
           hi.provenance || ' vs ' || lo.provenance AS provenance
    FROM sdg_9_c_1 hi
    JOIN (VALUES ('IT_MOB_3GNTWK', 'IT_MOB_2GNTWK'), ('IT_MOB_4GNTWK', 'IT_MOB_3GNTWK'),
                 ('IT_MOB_5GNTWK', 'IT_MOB_4GNTWK')) AS p(newer, older) ON hi.series = p.newer
    JOIN sdg_9_c_1 lo ON lo.series = p.older AND lo.ref_area = hi.ref_area AND lo.time_period = hi.time_period
                     AND lo.sex = hi.sex AND lo.age = hi.age AND lo.urbanisation = hi.urbanisation
    WHERE hi.obs_value > lo.obs_value + 1e-9
)
SELECT * FROM rate_vs_count UNION ALL SELECT * FROM coverage_order
ORDER BY indicator, rule, ref_area, series, time_period
