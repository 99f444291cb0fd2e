-- 17.6.1 Fixed broadband subscriptions per 100 inhabitants (IT_NET_BBND), total and by speed tier, and the number of
-- subscriptions (IT_NET_BBNDN). Where an economy reports the count but no rate for a year, the rate derived from the
-- count and World Bank population (view rates_from_counts) is used; the comment says so.
WITH rate AS (
    SELECT * FROM observations WHERE series = 'FBB_SUBS_P100' AND sex = '_T'
),
count_ AS (
    SELECT * FROM observations WHERE series = 'FBB_SUBS' AND sex = '_T'
),
derived AS (
    SELECT d.ref_area, d.time_period, d.age, d.urbanisation, d.breakdown, d.obs_value, d.nature, d.source,
           'derived: ' || round(d.count) || ' subscriptions / population ' || round(d.population) || ' x 100'
               AS comment, d.provenance
    FROM rates_from_counts d
    WHERE d.series = 'FBB_SUBS_P100' AND d.sex = '_T'
      AND NOT EXISTS (SELECT 1 FROM rate r WHERE r.ref_area = d.ref_area AND r.time_period = d.time_period
                      AND r.breakdown = d.breakdown AND r.age = d.age AND r.urbanisation = d.urbanisation)
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
