-- 9.c.1 Proportion of population covered by a mobile network, by technology (one SDG series per technology).
-- Rural coverage, when no economy reports it, is estimated as ITU does (Facts and Figures methodology): urban
-- coverage is taken as universal, so rural% = (covered% - urban%) / (100 - urban%) x 100, floored at 0, with the
-- urban share from POP_URBAN_PCT (World Bank). Such values carry nature E and say so in the comment.
WITH reported AS (
    SELECT c.sdg_series AS series, o.*
    FROM observations o JOIN series_catalogue c USING (series)
    WHERE o.series IN ('COV_2G_PCT', 'COV_3G_PCT', 'COV_4G_PCT', 'COV_5G_PCT')
),
urban AS (
    SELECT ref_area, time_period, obs_value AS urban_pct, file || ':' || line AS provenance
    FROM observations WHERE series = 'POP_URBAN_PCT' AND sex = '_T' AND urbanisation = '_T'
),
rural_estimate AS (
    SELECT r.series, r.ref_area, r.time_period, r.sex, r.age, 'R' AS urbanisation,
           greatest(0, (r.obs_value - u.urban_pct) / (100 - u.urban_pct) * 100) AS obs_value,
           'E' AS nature, 'estimated from ' || coalesce(r.source, 'national coverage') || ' and urban population share'
               AS source,
           'rural coverage estimated: (covered ' || round(r.obs_value, 2) || '% - urban ' || round(u.urban_pct, 2)
               || '%) / rural ' || round(100 - u.urban_pct, 2) || '%, urban coverage assumed universal' AS comment,
           r.file || ':' || r.line || ' + ' || u.provenance AS provenance
    FROM reported r JOIN urban u USING (ref_area, time_period)
    WHERE r.urbanisation = '_T' AND r.sex = '_T' AND r.age = '_T' AND u.urban_pct < 100
      AND NOT EXISTS (SELECT 1 FROM reported x WHERE x.series = r.series AND x.ref_area = r.ref_area
                      AND x.time_period = r.time_period AND x.urbanisation = 'R')
)
SELECT '9.c.1' AS indicator, series, ref_area, time_period, sex, age, urbanisation, '_T' AS composite_breakdown,
       obs_value, 'PERCENT' AS unit_measure, nature, source, note AS comment, 'population_covered' AS definition,
       false AS series_break, file || ':' || line AS provenance
FROM reported
UNION ALL
SELECT '9.c.1', series, ref_area, time_period, sex, age, urbanisation, '_T', obs_value, 'PERCENT', nature, source,
       comment, 'rural_estimated_from_urban_share', false, provenance
FROM rural_estimate
ORDER BY series, ref_area, time_period, urbanisation, sex, age
