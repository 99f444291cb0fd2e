-- Weighted proportions of the chosen ICT questions by sex x age group x urban/rural (and their totals), with standard
-- errors by Taylor linearisation for a stratified cluster design (PSUs drawn with replacement within strata),
-- unweighted counts, coefficients of variation and the quality rule. Household questions use one row per household
-- (the `households` table), the household weight and urban/rural only. An answer left empty (not asked) puts the
-- respondent outside that question's domain. Needs `microdata_quarantine`, `households`, `age_lookup`, `questions`
-- and `rounds`. One statement for DuckDB and Spark SQL (pipelines/microdata/statements.py renders it), in three
-- parts, each kept as a table so that no engine computes a part once per use: this one (`strata`, wide),
-- strata_long.sql (one row per question) and estimate.sql.
--
-- For a domain d with weighted total W and weighted yes Y (p = Y / W), each PSU c of stratum h contributes
-- z_c = (swy_c - p sw_c) / W (sw, swy: the PSU's weight and weighted yes in d; z = 0 for PSUs with nobody in d), and
--   var(p) = sum_h n_h / (n_h - 1) * (sum_c z_c^2 - (sum_c z_c)^2 / n_h),  n_h = PSUs of stratum h.
-- The work stays wide (columns <question>_sw, _swy, _n) and the sums over PSUs are taken once, expanded as
--   sum_c z_c^2 = (sum swy^2 - 2 p sum sw swy + p^2 sum sw^2) / W^2,
-- so no PSU-level table is joined back to its domain: this is what keeps 50 million respondents in seconds.
WITH valid AS (         -- an anti-join on the held-back rows (NOT EXISTS would first list every row's key)
    SELECT r.* FROM {{ respondents }} r
    LEFT JOIN microdata_quarantine q ON q.file_index = r.file_index AND q.line = r.line
    WHERE q.line IS NULL
),
held AS (               -- quarantined members per household: a household counts while one member is valid
    SELECT file_index, household_id, count(*) AS held FROM microdata_quarantine GROUP BY file_index, household_id
),
cells AS (              -- per PSU x sex x age group x urban/rural: weight answering, weighted yes, respondents
    SELECT
{%- for q in person_questions %}
           sum(CASE WHEN v.{{ q }} IS NOT NULL THEN CAST(v.person_weight AS DOUBLE) END) AS {{ q }}_sw,
           sum(CAST(v.person_weight AS DOUBLE) * v.{{ q }}) AS {{ q }}_swy, count(v.{{ q }}) AS {{ q }}_n,
{%- endfor %}
{%- for q in household_questions %}
           CAST(NULL AS DOUBLE) AS {{ q }}_sw, CAST(NULL AS DOUBLE) AS {{ q }}_swy, CAST(NULL AS BIGINT) AS {{ q }}_n,
{%- endfor %}
           v.file_index, v.stratum, v.psu, v.sex, a.age_group, v.urbanisation
    FROM valid v LEFT JOIN age_lookup a ON v.age = a.age
    GROUP BY v.file_index, v.stratum, v.psu, v.sex, a.age_group, v.urbanisation
    UNION ALL           -- households: sex and age group stay empty, household questions have no such domains
    SELECT
{%- for q in person_questions %}
           CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS BIGINT),
{%- endfor %}
{%- for q in household_questions %}
           sum(CASE WHEN h.{{ q }} IS NOT NULL THEN CAST(h.household_weight AS DOUBLE) END),
           sum(CAST(h.household_weight AS DOUBLE) * h.{{ q }}), count(h.{{ q }}),
{%- endfor %}
           h.file_index, h.stratum, h.psu, CAST(NULL AS STRING), CAST(NULL AS STRING), h.urbanisation
    FROM households h LEFT JOIN held ON held.file_index = h.file_index AND held.household_id = h.household_id
    WHERE h.household_id IS NOT NULL AND NOT h.inconsistent AND h.members > coalesce(held.held, 0)
    GROUP BY h.file_index, h.stratum, h.psu, h.urbanisation
),
psu_domain AS (         -- PSU totals in every domain (sex, age, urbanisation: a code or _T for the total)
    SELECT file_index, stratum, psu,
           CASE WHEN grouping(sex) = 1 THEN '_T' ELSE sex END AS sex,
           CASE WHEN grouping(age_group) = 1 THEN '_T' ELSE age_group END AS age,
           CASE WHEN grouping(urbanisation) = 1 THEN '_T' ELSE urbanisation END AS urbanisation,
{%- for q in questions %}
           coalesce(sum({{ q }}_sw), 0) AS {{ q }}_sw, coalesce(sum({{ q }}_swy), 0) AS {{ q }}_swy,
           sum({{ q }}_n) AS {{ q }}_n{{ "," if not loop.last }}
{%- endfor %}
    FROM cells
    GROUP BY file_index, stratum, psu, CUBE (sex, age_group, urbanisation)
),
strata AS (             -- per stratum and domain: sums over its PSUs, and n_h (every PSU is in the all-totals domain)
    SELECT file_index, stratum, sex, age, urbanisation,
           max(count(*)) OVER (PARTITION BY file_index, stratum) AS n_psu,
{%- for q in questions %}
           sum({{ q }}_sw) AS {{ q }}_sw, sum({{ q }}_swy) AS {{ q }}_swy, sum({{ q }}_n) AS {{ q }}_n,
           sum({{ q }}_sw * {{ q }}_sw) AS {{ q }}_sw2, sum({{ q }}_swy * {{ q }}_swy) AS {{ q }}_swy2,
           sum({{ q }}_sw * {{ q }}_swy) AS {{ q }}_sw_swy{{ "," if not loop.last }}
{%- endfor %}
    FROM psu_domain
    WHERE sex IS NOT NULL AND age IS NOT NULL   -- a domain needs a known value (no age group; household sex)
    GROUP BY file_index, stratum, sex, age, urbanisation
)
SELECT * FROM strata
