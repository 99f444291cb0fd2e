-- 4.4.1 Proportion of youth and adults with ICT skills, by type of skill (one value per activity, never summed).
-- The computer-based list (up to $last_computer_list_year) and the revised device-independent list are kept apart
-- in `definition`; values on the older list are a series break against the current one.
SELECT '4.4.1' AS indicator, 'SE_ADT_ACTS' AS series, o.ref_area, o.time_period, o.sex, o.age, o.urbanisation,
       o.breakdown AS composite_breakdown, o.obs_value, 'PERCENT' AS unit_measure, o.nature, o.source,
       o.note AS comment,
       CASE WHEN o.time_period <= $last_computer_list_year THEN 'skills_computer_activities_to_2019'
            ELSE 'skills_revised_list_from_2020' END AS definition,
       o.time_period <= $last_computer_list_year AS series_break,
       o.file || ':' || o.line AS provenance
FROM observations o
WHERE o.series = 'ICT_SKILL_PCT'
ORDER BY ref_area, time_period, composite_breakdown, sex, age, urbanisation
