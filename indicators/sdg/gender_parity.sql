-- Gender parity score (female / male) for every SDG value reported by sex, with ITU's bands, the older gender gap
-- and, for Internet use (17.8.1, all ages and areas), the absolute gap in persons where population by sex is known.
WITH f AS (SELECT * FROM sdg_indicators WHERE sex = 'F'),
     m AS (SELECT * FROM sdg_indicators WHERE sex = 'M'),
     pop AS (   -- the female and male populations the aggregates were weighted with (economies and groups)
        SELECT ref_area, time_period, max(population) FILTER (WHERE sex = 'F') AS pop_female,
               max(population) FILTER (WHERE sex = 'M') AS pop_male
        FROM population_weights GROUP BY ALL
        UNION ALL
        SELECT ref_area, time_period, max(population) FILTER (WHERE sex = 'F'),
               max(population) FILTER (WHERE sex = 'M')
        FROM aggregates WHERE series = 'INET_USERS_PCT' GROUP BY ALL
     ),
pairs AS (
    SELECT f.indicator, f.series, f.ref_area, f.ref_area_m49, f.area_type, f.time_period, f.age, f.urbanisation,
           f.composite_breakdown, f.obs_value AS female, m.obs_value AS male, f.unit_measure,
           CASE WHEN m.obs_value > 0 THEN f.obs_value / m.obs_value END AS parity_score,
           CASE WHEN f.nature = m.nature THEN f.nature ELSE 'E' END AS nature,
           f.definition, f.series_break
    FROM f JOIN m USING (indicator, series, ref_area, time_period, age, urbanisation, composite_breakdown)
)
SELECT p.indicator, p.series, p.ref_area, p.ref_area_m49, p.area_type, p.time_period, p.age, p.urbanisation,
       p.composite_breakdown, p.female, p.male, p.unit_measure, p.parity_score,
       CASE WHEN p.parity_score IS NULL THEN NULL
            WHEN p.parity_score < $parity_low THEN 'disparity_favouring_men'
            WHEN p.parity_score > $parity_high THEN 'disparity_favouring_women'
            ELSE 'parity' END AS parity_band,
       coalesce(p.parity_score >= $near_parity_low AND p.parity_score < $parity_low, false) AS near_parity,
       CASE WHEN p.male > 0 THEN (p.male - p.female) / p.male * 100 END AS gender_gap_pct,
       CASE WHEN p.series = 'IT_USE_ii99' AND p.age = '_T' AND p.urbanisation = '_T'
            THEN round(p.male / 100 * pop.pop_male - p.female / 100 * pop.pop_female) END AS gap_persons,
       p.nature, p.definition, p.series_break
FROM pairs p LEFT JOIN pop USING (ref_area, time_period)
ORDER BY indicator, series, area_type DESC, ref_area, time_period, age, urbanisation, composite_breakdown
