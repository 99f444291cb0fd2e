-- One row per household of each file: its members, the household-level fields (the lowest value; members agree on
-- them unless the household is inconsistent) and whether members disagree on any of them (more than one row in
-- `household_values`, household_values.sql). Taken once: the checks and the estimator both read it.
-- `consistent_households`: the engine has shown that no household has two rows there (engines.py), so the
-- grouping is left out.
{%- if consistent_households %}
SELECT file_index, household_id, members, {{ household_fields | join(", ") }}, false AS inconsistent
FROM household_values
{%- else %}
SELECT file_index, household_id, CAST(sum(members) AS BIGINT) AS members,
{%- for f in household_fields %}
       min({{ f }}) AS {{ f }},
{%- endfor %}
       count(*) > 1 AS inconsistent
FROM household_values
GROUP BY file_index, household_id
{%- endif %}
