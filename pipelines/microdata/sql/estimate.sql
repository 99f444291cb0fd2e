-- Weighted proportions of every ICT question by sex x age group x urban/rural (and their totals), with standard errors
-- by Taylor linearisation for a stratified cluster design (PSUs drawn with replacement within strata), unweighted
-- counts, coefficients of variation and the quality rule. Household questions use one row per household, the household
-- weight and urban/rural only. An answer left empty (not asked) puts the respondent outside that question's domain.
-- $questions, $person_questions, $household_questions: regular expressions naming the question columns to estimate.
--
-- For a domain d with weighted total W and weighted yes Y (p = Y / W), each PSU c of stratum h contributes
-- z_c = (swy_c - p sw_c) / W (sw, swy: the PSU's weight and weighted yes in d; z = 0 for PSUs with nobody in d), and
--   var(p) = sum_h n_h / (n_h - 1) * (sum_c z_c^2 - (sum_c z_c)^2 / n_h),  n_h = PSUs of stratum h.
-- The work stays wide (one struct {sw, swy, n} per question) and the sums over PSUs are taken once, expanded as
--   sum_c z_c^2 = (sum swy^2 - 2 p sum sw swy + p^2 sum sw^2) / W^2,
-- so no PSU-level table is joined back to its domain: this is what keeps 50 million respondents in seconds.
WITH valid AS NOT MATERIALIZED (   -- scanned by each use, never held in memory
    SELECT m.* FROM microdata($files) m ANTI JOIN microdata_quarantine q USING (file_index, line)
),
person_cells AS (       -- per PSU x sex x age group x urban/rural: weight answering, weighted yes, respondents
    SELECT v.file_index, v.stratum, v.psu, v.sex, a.age_group, v.urbanisation,
           {'sw': sum(CASE WHEN COLUMNS($person_questions) IS NOT NULL
                           THEN v.person_weight::DOUBLE END),
            'swy': sum(v.person_weight::DOUBLE * COLUMNS($person_questions)),
            'n': count(COLUMNS($person_questions))} AS '\1'
    FROM valid v LEFT JOIN age_lookup a ON v.age = a.age
    GROUP BY ALL
),
households AS (         -- one row per household (its members agree on these fields, else they are quarantined)
    SELECT file_index, household_id, min(stratum) AS stratum, min(psu) AS psu,
           min(urbanisation) AS urbanisation, min(household_weight)::DOUBLE AS household_weight,
           min(hh_computer) AS hh_computer, min(hh_internet) AS hh_internet
    FROM valid GROUP BY ALL
),
household_cells AS (    -- sex and age group stay empty: household questions have no such domains
    SELECT file_index, stratum, psu, urbanisation,
           {'sw': sum(CASE WHEN COLUMNS($household_questions) IS NOT NULL THEN household_weight END),
            'swy': sum(household_weight * COLUMNS($household_questions)),
            'n': count(COLUMNS($household_questions))} AS '\1'
    FROM households GROUP BY ALL
),
psu_domain AS (         -- PSU totals in every domain; a domain needs a known value (no age group / household sex)
    SELECT file_index, stratum, psu,
           CASE WHEN grouping(sex) = 1 THEN '_T' ELSE sex END AS sex,
           CASE WHEN grouping(age_group) = 1 THEN '_T' ELSE age_group END AS age,
           CASE WHEN grouping(urbanisation) = 1 THEN '_T' ELSE urbanisation END AS urbanisation,
           {'sw': coalesce(sum(COLUMNS($questions).sw), 0),
            'swy': coalesce(sum(COLUMNS($questions).swy), 0),
            'n': sum(COLUMNS($questions).n)} AS '\1'
    FROM (SELECT * FROM person_cells UNION ALL BY NAME SELECT * FROM household_cells)
    GROUP BY file_index, stratum, psu, CUBE (sex, age_group, urbanisation)
    HAVING (grouping(sex) = 1 OR sex IS NOT NULL) AND (grouping(age_group) = 1 OR age_group IS NOT NULL)
),
strata AS (             -- per stratum and domain: sums over its PSUs, and n_h (every PSU is in the all-totals domain)
    SELECT file_index, stratum, sex, age, urbanisation,
           max(count(*)) OVER (PARTITION BY file_index, stratum) AS n_psu,
           {'sw': sum(COLUMNS($questions).sw),
            'swy': sum(COLUMNS($questions).swy),
            'n': sum(COLUMNS($questions).n),
            'sw2': sum(COLUMNS($questions).sw ** 2),
            'swy2': sum(COLUMNS($questions).swy ** 2),
            'sw_swy': sum(COLUMNS($questions).sw
                          * COLUMNS($questions).swy)} AS '\1'
    FROM psu_domain
    GROUP BY file_index, stratum, sex, age, urbanisation
),
strata_long AS (
    SELECT * EXCLUDE (s), s.* FROM (
        UNPIVOT strata ON COLUMNS($questions) INTO NAME variable VALUE s)
),
domain AS (
    SELECT file_index, variable, sex, age, urbanisation, sum(sw) AS weight_total,
           sum(swy) AS weight_yes, sum(n)::BIGINT AS respondents
    FROM strata_long GROUP BY ALL
    HAVING sum(n) > 0
),
variance AS (
    SELECT d.file_index, d.variable, d.sex, d.age, d.urbanisation,
           sum(CASE WHEN s.n_psu > 1 THEN s.n_psu / (s.n_psu - 1) * (
                   (s.swy2 - 2 * d.p * s.sw_swy + d.p ** 2 * s.sw2) - (s.swy - d.p * s.sw) ** 2 / s.n_psu) ELSE 0 END)
               / any_value(d.weight_total) ** 2 AS variance
    FROM strata_long s
    JOIN (SELECT *, weight_yes / weight_total AS p FROM domain) d
        USING (file_index, variable, sex, age, urbanisation)
    GROUP BY d.file_index, d.variable, d.sex, d.age, d.urbanisation
),
estimates AS (
    SELECT r.ref_area, r.time_period, r.survey, q.series, q.breakdown, d.sex, d.age, d.urbanisation, d.variable,
           q.unit, 100 * d.weight_yes / d.weight_total AS estimate,
           100 * sqrt(greatest(v.variance, 0)) AS standard_error, d.respondents, d.weight_total AS weighted_total
    FROM domain d
    JOIN variance v USING (file_index, variable, sex, age, urbanisation)
    JOIN questions q USING (variable)
    JOIN rounds r USING (file_index)
),
rated AS (
    SELECT *, CASE WHEN estimate > 0 THEN standard_error / estimate END AS cv,
           CASE WHEN respondents < $min_respondents THEN 'too_few_respondents'
                WHEN standard_error > $max_cv * estimate THEN 'cv_above_maximum'
                ELSE 'ok' END AS quality
    FROM estimates
)
SELECT ref_area, time_period, survey, series, breakdown, sex, age, urbanisation, variable, unit,
       CASE WHEN withheld THEN NULL ELSE estimate END AS estimate,
       CASE WHEN withheld THEN NULL ELSE standard_error END AS standard_error,
       CASE WHEN withheld THEN NULL ELSE cv END AS cv,
       respondents, weighted_total, quality, withheld
FROM (SELECT *, $suppress AND quality <> 'ok' AS withheld FROM rated)
ORDER BY ref_area, time_period, survey, series, breakdown, sex, age, urbanisation
