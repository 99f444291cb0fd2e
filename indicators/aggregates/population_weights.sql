-- Population weights of every economy and year: total population, and female / male population for the aggregates
-- by sex. One vintage serves each year: female and male shares x the total (the shares' vintage covers every economy)
-- wherever shares are staged for the year, counts by sex only for years without any share; `source` names the
-- vintages used, so an aggregate's provenance says which one it is.
WITH total AS (
    SELECT ref_area, time_period, population, source FROM population WHERE population > 0
), shares AS (
    SELECT t.ref_area, t.time_period, CASE o.series WHEN 'POP_FEMALE_PCT' THEN 'F' ELSE 'M' END AS sex,
           t.population * o.obs_value / 100 AS population,
           o.series || ' (' || o.source || ') x total population (' || t.source || ')' AS source
    FROM observations AS o JOIN total AS t USING (ref_area, time_period)
    WHERE o.series IN ('POP_FEMALE_PCT', 'POP_MALE_PCT') AND o.age = '_T' AND o.urbanisation = '_T'
), counts AS (
    SELECT ref_area, time_period, CASE series WHEN 'POP_FEMALE' THEN 'F' ELSE 'M' END AS sex, obs_value AS population,
           series || ' (' || source || ')' AS source
    FROM observations
    WHERE series IN ('POP_FEMALE', 'POP_MALE') AND age = '_T' AND urbanisation = '_T' AND obs_value > 0
      AND time_period NOT IN (SELECT DISTINCT time_period FROM shares)
)
SELECT ref_area, time_period, '_T' AS sex, population, 'POP_TOTAL (' || source || ')' AS source FROM total
UNION ALL SELECT ref_area, time_period, sex, population, source FROM shares
UNION ALL SELECT ref_area, time_period, sex, population, source FROM counts
ORDER BY ref_area, time_period, sex
