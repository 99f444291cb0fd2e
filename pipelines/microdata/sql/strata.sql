-- Weighted proportions of the chosen ICT questions by sex x age group x urban/rural (and their totals), with standard
-- errors by Taylor linearisation for a stratified cluster design (PSUs drawn with replacement within strata),
-- unweighted counts, coefficients of variation and the quality rule. Household questions use one row per household
-- (the `households` table), the household weight and urban/rural only. An answer left empty (not asked) puts the
-- respondent outside that question's domain. One statement for DuckDB and Spark SQL (pipelines/microdata/statements.py
-- renders it), in four parts, each kept as a table so that no engine computes a part once per use: cells.sql (the
-- finest cells, per PSU), this one (`strata`, wide), strata_long.sql (one row per question) and estimate.sql (which
-- needs `questions` and `rounds`).
--
-- For a domain d with weighted total W and weighted yes Y (p = Y / W), each PSU c of stratum h contributes
-- z_c = (swy_c - p sw_c) / W (sw, swy: the PSU's weight and weighted yes in d; z = 0 for PSUs with nobody in d), and
--   var(p) = sum_h n_h / (n_h - 1) * (sum_c z_c^2 - (sum_c z_c)^2 / n_h),  n_h = PSUs of stratum h.
-- The work stays wide (columns <question>_sw, _swy, _n) and the sums over PSUs are taken once, expanded as
--   sum_c z_c^2 = (sum swy^2 - 2 p sum sw swy + p^2 sum sw^2) / W^2,
-- so no PSU-level table is joined back to its domain: this is what keeps 50 million respondents in seconds.
{#- the PSU totals in the domains of `keys` (the other dimensions: _T) #}
{%- macro totals(source, keys) %}
    SELECT file_index, stratum, psu, {{ keys | join(", ") }}{{ "," if keys }}
{%- for q in questions %}
           sum({{ q }}_sw) AS {{ q }}_sw, sum({{ q }}_swy) AS {{ q }}_swy,
           sum({{ q }}_n) AS {{ q }}_n{{ "," if not loop.last }}
{%- endfor %}
    FROM {{ source }}
    GROUP BY file_index, stratum, psu{{ ", " if keys }}{{ keys | join(", ") }}
{%- endmacro %}
{#- a level's rows as domains: the dimensions not in `keys` are _T, the totals' empty sums 0 #}
{%- macro domain_rows(source, keys) %}
    SELECT file_index, stratum, psu,
{%- for dim in ("sex", "age_band", "urbanisation") %}
           {{ dim if dim in keys else ("0" if dim == "age_band" else "'_T'") }} AS {{ "age" if dim == "age_band" else dim }},
{%- endfor %}
{%- for q in questions %}
           coalesce({{ q }}_sw, 0) AS {{ q }}_sw, coalesce({{ q }}_swy, 0) AS {{ q }}_swy,
           {{ q }}_n{{ "," if not loop.last }}
{%- endfor %}
    FROM {{ source }}
{%- endmacro %}
-- PSU totals in every domain (sex, age group, urbanisation: a code or _T for the total), each margin one grouping of
-- the cells (the kept table of cells.sql, a few rows per PSU) rather than GROUP BY CUBE over the rows (CPU of this
-- and cells.sql at 5M respondents: 3.3 s against the cube's 5.1 s). No margin is summed from another: Spark inlines
-- such chained parts into every use, and its analyzer then ran out of memory on the plan.
-- `one_urbanisation_per_psu` (split_psus.sql found no PSU in two): grouping a PSU's cells by some dimensions is then
-- grouping them by those and its urbanisation, so each margin over urbanisation is the margin within it, relabelled
-- _T, and four of the seven groupings are left out (a third of this statement's CPU).
{%- set within = {"by_sex_age": "cells", "by_sex": "by_sex_urbanisation", "by_age": "by_age_urbanisation",
                  "by_psu": "by_urbanisation"} if one_urbanisation_per_psu else {} %}
{%- macro margin(name) %}{{ within.get(name, name) }}{% endmacro %}
WITH by_sex_urbanisation AS ({{ totals("cells", ["sex", "urbanisation"]) }}),
by_age_urbanisation AS ({{ totals("cells", ["age_band", "urbanisation"]) }}),
by_urbanisation AS ({{ totals("cells", ["urbanisation"]) }}),
{%- if not one_urbanisation_per_psu %}
by_sex_age AS ({{ totals("cells", ["sex", "age_band"]) }}),
by_sex AS ({{ totals("cells", ["sex"]) }}),
by_age AS ({{ totals("cells", ["age_band"]) }}),
by_psu AS ({{ totals("cells", []) }}),
{%- endif %}
psu_domain AS (
{{- domain_rows("cells", ["sex", "age_band", "urbanisation"]) }}
    UNION ALL
{{- domain_rows(margin("by_sex_age"), ["sex", "age_band"]) }}
    UNION ALL
{{- domain_rows("by_sex_urbanisation", ["sex", "urbanisation"]) }}
    UNION ALL
{{- domain_rows("by_age_urbanisation", ["age_band", "urbanisation"]) }}
    UNION ALL
{{- domain_rows(margin("by_sex"), ["sex"]) }}
    UNION ALL
{{- domain_rows(margin("by_age"), ["age_band"]) }}
    UNION ALL
{{- domain_rows("by_urbanisation", ["urbanisation"]) }}
    UNION ALL
{{- domain_rows(margin("by_psu"), []) }}
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
