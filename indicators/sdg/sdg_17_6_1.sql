-- 17.6.1 Fixed broadband subscriptions per 100 inhabitants (IT_NET_BBND), total and by speed tier, and the number of
-- subscriptions (IT_NET_BBNDN). Where an economy reports the count but no rate for a year, the rate is derived:
-- count / population (World Bank, `population` view) x 100; the comment says so.
WITH rate AS (
    SELECT * FROM observations WHERE series = 'FBB_SUBS_P100' AND sex = '_T'
),
count_ AS (
    SELECT * FROM observations WHERE series = 'FBB_SUBS' AND sex = '_T'
),
derived AS (
    SELECT c.ref_area, c.time_period, c.age, c.urbanisation, c.breakdown,
           c.obs_value * power(10, c.unit_mult) / p.population * 100 AS obs_value, c.nature,
           c.source || '; population: ' || p.source AS source,
           'derived: ' || round(c.obs_value * power(10, c.unit_mult)) || ' subscriptions / population '
               || round(p.population) || ' x 100' AS comment,
           c.file || ':' || c.line AS provenance
    FROM count_ c JOIN population p USING (ref_area, time_period)
    WHERE p.population > 0
      AND NOT EXISTS (SELECT 1 FROM rate r WHERE r.ref_area = c.ref_area AND r.time_period = c.time_period
                      AND r.breakdown = c.breakdown AND r.age = c.age AND r.urbanisation = c.urbanisation)
)
SELECT '17.6.1' AS indicator, 'IT_NET_BBND' AS series, ref_area, time_period, '_T' AS sex, age, urbanisation,
       breakdown AS composite_breakdown, obs_value, 'PER_100_POP' AS unit_measure, nature, source, note AS comment,
       'reported_rate' AS definition, false AS series_break, file || ':' || line AS provenance
FROM rate
UNION ALL
SELECT '17.6.1', 'IT_NET_BBND', ref_area, time_period, '_T', age, urbanisation, breakdown, obs_value, 'PER_100_POP',
       nature, source, comment, 'derived_from_count_and_population', false, provenance
FROM derived
UNION ALL
SELECT '17.6.1', 'IT_NET_BBNDN', ref_area, time_period, '_T', age, urbanisation, breakdown,
       obs_value * power(10, unit_mult), 'NUMBER', nature, source, note, 'reported_count', false, file || ':' || line
FROM count_
ORDER BY series, ref_area, time_period, composite_breakdown, age, urbanisation
