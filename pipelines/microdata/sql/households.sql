-- One row per household of each file (a file is one survey round): its members, the household-level fields (the
-- lowest value; members agree on them unless the household is inconsistent) and whether members disagree on any of
-- them, an empty value counting as a value of its own. Taken once: the checks and the estimator both read it.
SELECT file_index, household_id, count(*) AS members,
{%- for f in household_fields %}
       min({{ f }}) AS {{ f }},
{%- endfor %}
       coalesce(
{%- for f in household_fields %}
           min({{ f }}) < max({{ f }}) OR count({{ f }}) NOT IN (0, count(*)){{ " OR" if not loop.last }}
{%- endfor %}
       , false) AS inconsistent
FROM {{ respondents }}
GROUP BY file_index, household_id
