-- 17.8.1 Proportion of individuals using the Internet, economies, every breakdown reported.
-- Values up to $last_12_month_year used a 12-month reference period (3 months since): flagged as a series break.
SELECT '17.8.1' AS indicator, 'IT_USE_ii99' AS series, o.ref_area, o.time_period, o.sex, o.age, o.urbanisation,
       '_T' AS composite_breakdown, o.obs_value, 'PERCENT' AS unit_measure, o.nature, o.source,
       nullif(concat_ws('; ', o.note, CASE WHEN o.time_period <= $last_12_month_year
            THEN 'series break: reference period was the last 12 months (3 months from '
                 || ($last_12_month_year + 1) || ')' END), '') AS comment,
       CASE WHEN o.time_period <= $last_12_month_year THEN 'reference_12_months' ELSE 'reference_3_months' END
           AS definition,
       o.time_period <= $last_12_month_year AS series_break,
       o.file || ':' || o.line AS provenance
FROM observations o
WHERE o.series = 'INET_USERS_PCT'
ORDER BY ref_area, time_period, sex, age, urbanisation
