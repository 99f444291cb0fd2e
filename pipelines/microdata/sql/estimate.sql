-- Weighted proportions of every ICT question by sex x age group x urban/rural (and their totals), with standard errors
-- by Taylor linearisation for a stratified cluster design (PSUs drawn with replacement within strata), unweighted
-- counts, coefficients of variation and the quality rule. Household questions use one row per household, the household
-- weight, and urban/rural only. An answer left empty (not asked) puts the respondent outside that question's domain.
WITH valid AS (
    SELECT m.* FROM microdata($files) m ANTI JOIN microdata_quarantine q USING (file, line)
),
person_cells AS (       -- per PSU x sex x age group x urban/rural: weight answering, weighted yes, respondents answering
    SELECT v.ref_area, v.time_period, v.survey, v.stratum, v.psu, v.sex, a.age_group, v.urbanisation,
           {'sw': sum(CASE WHEN COLUMNS('^(internet_3m|owns_mobile|skill_[a-z]+)$') IS NOT NULL THEN v.person_weight END),
            'swy': sum(v.person_weight * COLUMNS('^(internet_3m|owns_mobile|skill_[a-z]+)$')),
            'n': count(COLUMNS('^(internet_3m|owns_mobile|skill_[a-z]+)$'))} AS '\1'
    FROM valid v LEFT JOIN age_lookup a ON v.age = a.age
    GROUP BY ALL
),
households AS (         -- one row per household (its members agree on these fields, else they are quarantined)
    SELECT ref_area, time_period, survey, household_id, min(stratum) AS stratum, min(psu) AS psu,
           min(urbanisation) AS urbanisation, min(household_weight) AS household_weight,
           min(hh_computer) AS hh_computer, min(hh_internet) AS hh_internet
    FROM valid GROUP BY ALL
),
household_cells AS (
    SELECT ref_area, time_period, survey, stratum, psu, NULL AS sex, NULL AS age_group, urbanisation,
           {'sw': sum(CASE WHEN COLUMNS('^(hh_[a-z]+)$') IS NOT NULL THEN household_weight END),
            'swy': sum(household_weight * COLUMNS('^(hh_[a-z]+)$')),
            'n': count(COLUMNS('^(hh_[a-z]+)$'))} AS '\1'
    FROM households
    GROUP BY ALL
),
cells AS (
    SELECT * EXCLUDE (s), s.sw, s.swy, s.n FROM (
        UNPIVOT person_cells ON COLUMNS('^(internet_3m|owns_mobile|skill_[a-z]+)$') INTO NAME variable VALUE s)
    UNION ALL BY NAME
    SELECT * EXCLUDE (s), s.sw, s.swy, s.n FROM (UNPIVOT household_cells ON COLUMNS('^hh_') INTO NAME variable VALUE s)
),
psus AS (               -- the design: PSUs per stratum, counted over every usable respondent
    SELECT ref_area, time_period, survey, stratum, count(DISTINCT psu) AS n_psu FROM valid GROUP BY ALL
),
psu_domain AS (         -- PSU totals in every domain; a domain needs a known value (no age group / household sex)
    SELECT ref_area, time_period, survey, variable, stratum, psu,
           CASE WHEN grouping(sex) = 1 THEN '_T' ELSE sex END AS sex,
           CASE WHEN grouping(age_group) = 1 THEN '_T' ELSE age_group END AS age,
           CASE WHEN grouping(urbanisation) = 1 THEN '_T' ELSE urbanisation END AS urbanisation,
           coalesce(sum(sw), 0) AS sw, coalesce(sum(swy), 0) AS swy, sum(n) AS n
    FROM cells
    GROUP BY ref_area, time_period, survey, variable, stratum, psu, CUBE (sex, age_group, urbanisation)
    HAVING (grouping(sex) = 1 OR sex IS NOT NULL) AND (grouping(age_group) = 1 OR age_group IS NOT NULL)
),
domain AS (
    SELECT ref_area, time_period, survey, variable, sex, age, urbanisation,
           sum(sw) AS weight_total, sum(swy) AS weight_yes, sum(n)::BIGINT AS respondents
    FROM psu_domain GROUP BY ALL
),
linearised AS (         -- z = PSU total of w (y - p) / W, summed (and squared) within each stratum
    SELECT p.ref_area, p.time_period, p.survey, p.variable, p.sex, p.age, p.urbanisation, p.stratum,
           sum((p.swy - p.sw * d.weight_yes / d.weight_total) / d.weight_total) AS z_sum,
           sum(((p.swy - p.sw * d.weight_yes / d.weight_total) / d.weight_total) ** 2) AS z_squares
    FROM psu_domain p
    JOIN domain d USING (ref_area, time_period, survey, variable, sex, age, urbanisation)
    WHERE d.weight_total > 0
    GROUP BY ALL
),
variance AS (           -- sum over strata of n_h / (n_h - 1) * sum_c (z_hc - mean_h z)^2; PSUs absent from the domain
    SELECT l.ref_area, l.time_period, l.survey, l.variable, l.sex, l.age, l.urbanisation,   -- have z = 0
           sum(CASE WHEN s.n_psu > 1 THEN s.n_psu / (s.n_psu - 1) * (l.z_squares - l.z_sum ** 2 / s.n_psu) ELSE 0 END)
               AS variance
    FROM linearised l JOIN psus s USING (ref_area, time_period, survey, stratum)
    GROUP BY ALL
),
estimates AS (
    SELECT d.ref_area, d.time_period, d.survey, q.series, q.breakdown, d.sex, d.age, d.urbanisation, d.variable,
           q.unit, 100 * d.weight_yes / d.weight_total AS estimate,
           100 * sqrt(greatest(v.variance, 0)) AS standard_error, d.respondents, d.weight_total AS weighted_total
    FROM domain d
    JOIN variance v USING (ref_area, time_period, survey, variable, sex, age, urbanisation)
    JOIN questions q USING (variable)
    WHERE d.respondents > 0
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
