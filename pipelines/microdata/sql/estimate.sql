-- Estimates, standard errors, CV and the quality rule per domain and question (with the file they come from), from `strata_long` (strata.sql,
-- where the method is stated), `questions`, `rounds` and `age_bands` (each age band's code by its number; 0 for the
-- total, _T).
WITH domain AS (
    SELECT file_index, variable, sex, age, urbanisation, sum(sw) AS weight_total, sum(swy) AS weight_yes,
           CAST(sum(n) AS BIGINT) AS respondents
    FROM strata_long
    GROUP BY file_index, variable, sex, age, urbanisation
    HAVING sum(n) > 0
),
variance AS (
    SELECT d.file_index, d.variable, d.sex, d.age, d.urbanisation,
           sum(CASE WHEN s.n_psu > 1 THEN s.n_psu / (s.n_psu - 1) * (
                   (s.swy2 - 2 * d.p * s.sw_swy + d.p * d.p * s.sw2)
                   - (s.swy - d.p * s.sw) * (s.swy - d.p * s.sw) / s.n_psu) ELSE 0 END)
               / (max(d.weight_total) * max(d.weight_total)) AS variance
    FROM strata_long s
    JOIN (SELECT *, weight_yes / weight_total AS p FROM domain) d
        ON d.file_index = s.file_index AND d.variable = s.variable AND d.sex = s.sex AND d.age = s.age
       AND d.urbanisation = s.urbanisation
    GROUP BY d.file_index, d.variable, d.sex, d.age, d.urbanisation
),
estimates AS (
    SELECT d.file_index, r.ref_area, r.time_period, r.survey, q.series, q.breakdown, d.sex, b.age_group AS age,
           d.urbanisation, d.variable, q.unit, 100 * d.weight_yes / d.weight_total AS estimate,
           100 * sqrt(greatest(v.variance, 0)) AS standard_error, d.respondents, d.weight_total AS weighted_total
    FROM domain d
    JOIN variance v ON v.file_index = d.file_index AND v.variable = d.variable AND v.sex = d.sex AND v.age = d.age
                   AND v.urbanisation = d.urbanisation
    JOIN questions q ON q.variable = d.variable
    JOIN rounds r ON r.file_index = d.file_index
    JOIN age_bands b ON b.age_band = d.age
),
rated AS (
    SELECT *, CASE WHEN estimate > 0 THEN standard_error / estimate END AS cv,
           CASE WHEN respondents < {{ param("min_respondents") }} THEN 'too_few_respondents'
                WHEN standard_error > {{ param("max_cv") }} * estimate THEN 'cv_above_maximum'
                ELSE 'ok' END AS quality
    FROM estimates
)
SELECT file_index, ref_area, time_period, survey, series, breakdown, sex, age, urbanisation, variable, unit,
       CASE WHEN withheld THEN NULL ELSE estimate END AS estimate,
       CASE WHEN withheld THEN NULL ELSE standard_error END AS standard_error,
       CASE WHEN withheld THEN NULL ELSE cv END AS cv,
       respondents, weighted_total, quality, withheld
FROM (SELECT *, {{ param("suppress") }} AND quality <> 'ok' AS withheld FROM rated) rated_rows
