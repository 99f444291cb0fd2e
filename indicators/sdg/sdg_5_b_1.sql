-- 5.b.1 Proportion of individuals who own a mobile telephone, economies, by sex (and age, area where reported).
SELECT '5.b.1' AS indicator, 'IT_MOB_OWN' AS series, o.ref_area, o.time_period, o.sex, o.age, o.urbanisation,
       '_T' AS composite_breakdown, o.obs_value, 'PERCENT' AS unit_measure, o.nature, o.source, o.note AS comment,
       'owner_active_sim_3_months' AS definition, false AS series_break, o.file || ':' || o.line AS provenance
FROM observations o
WHERE o.series = 'MOB_OWN_PCT'
ORDER BY ref_area, time_period, sex, age, urbanisation
