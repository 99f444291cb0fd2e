-- The finest cells of the estimates (strata.sql, where the method is stated): per PSU x sex x age group x
-- urban/rural, each chosen person question's weight answering, weighted yes and respondents, from the rows not held
-- back; and per PSU x urban/rural the same for the household questions, from the households (households.sql) with at
-- least one member not held back. Needs `microdata_quarantine`, `households` and `age_lookup` (each age's band by
-- number: grouping by a number costs less than by its code, which estimate.sql puts back). Kept as a table: the
-- margins of strata.sql read it several times. `held_back`: the batch has a row in the quarantine (when it has none,
-- the rows are not looked up there, which costs a quarter of this statement).
WITH valid AS (         -- an anti-join on the held-back rows (NOT EXISTS would first list every row's key)
    SELECT r.* FROM {{ respondents }} r
{%- if held_back %}
    LEFT JOIN microdata_quarantine q ON q.file_index = r.file_index AND q.line = r.line
    WHERE q.line IS NULL
{%- endif %}
),
{%- if held_back %}
held AS (               -- quarantined members per household: a household counts while one member is valid
    SELECT file_index, household_id, count(*) AS held FROM microdata_quarantine GROUP BY file_index, household_id
),
{%- endif %}
cells AS (
    SELECT
{%- for q in person_questions %}
           sum(CASE WHEN v.{{ q }} IS NOT NULL THEN CAST(v.person_weight AS DOUBLE) END) AS {{ q }}_sw,
           sum(CAST(v.person_weight AS DOUBLE) * v.{{ q }}) AS {{ q }}_swy, count(v.{{ q }}) AS {{ q }}_n,
{%- endfor %}
{%- for q in household_questions %}
           CAST(NULL AS DOUBLE) AS {{ q }}_sw, CAST(NULL AS DOUBLE) AS {{ q }}_swy, CAST(NULL AS BIGINT) AS {{ q }}_n,
{%- endfor %}
           v.file_index, v.stratum, v.psu, v.sex, a.age_band, v.urbanisation
    FROM valid v LEFT JOIN age_lookup a ON v.age = a.age
    GROUP BY v.file_index, v.stratum, v.psu, v.sex, a.age_band, v.urbanisation
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
    FROM households h
{%- if held_back %}
    LEFT JOIN held ON held.file_index = h.file_index AND held.household_id = h.household_id
{%- endif %}
    WHERE h.household_id IS NOT NULL AND NOT h.inconsistent{{ " AND h.members > coalesce(held.held, 0)" if held_back }}
    GROUP BY h.file_index, h.stratum, h.psu, h.urbanisation
)
SELECT * FROM cells
