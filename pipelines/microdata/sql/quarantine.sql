-- Respondent rows that cannot be used, one record per row: the first rule it breaks (in the order below), the column
-- and the offending value as text. Duplicated person ids and inconsistent households hold back every row concerned.
-- Needs the `households` table (households.sql), `rounds` (each file's round), `known_economies`, `mapping_problems`
-- (rows whose national value could not be mapped: national.py; they come first) and `unique_person_files` (files
-- whose person ids the engine has shown unique: not grouped by person).
--
-- Bad rows are few, so one cheap pass finds them (`flagged`: a row that breaks any rule; the row rules are
-- row_rules.sql's, with its `proven_answers` and `whole_ages`) and only they are sorted out below, every rule in full.
{%- import "row_rules.sql" as rules with context %}
WITH duplicated_person AS (        -- a file is one survey round (rounds.sql), so ids are unique within a file
    SELECT file_index, person_id
    FROM {{ respondents }}
{%- if all_ids_unique %}
    WHERE false
{%- else %}
    WHERE file_index NOT IN (SELECT file_index FROM unique_person_files)
{%- endif %}
    GROUP BY file_index, person_id
    HAVING count(*) > 1
),
odd_round AS (         -- a file holds one round (rounds.sql), so a blank survey or an unknown economy is the file's
    {{ rules.odd_rounds() }}
),
inconsistent_household AS (
    SELECT file_index, household_id FROM households WHERE inconsistent
),
flagged AS (           -- every row that breaks a rule below (a cheap pass: few rows do)
    SELECT file_index, line FROM mapping_problems
    UNION ALL
    SELECT r.file_index, r.line FROM {{ respondents }} r
    JOIN duplicated_person d ON d.file_index = r.file_index AND d.person_id = r.person_id
    UNION ALL
    SELECT r.file_index, r.line FROM {{ respondents }} r
    JOIN inconsistent_household h ON h.file_index = r.file_index AND h.household_id = r.household_id
    UNION ALL
    SELECT r.file_index, r.line FROM {{ respondents }} r
    WHERE {{ rules.broken("r") }}
       OR r.file_index IN (SELECT file_index FROM odd_round)
),
candidate AS (
    SELECT r.* FROM {{ respondents }} r
    JOIN (SELECT DISTINCT file_index, line FROM flagged) f ON f.file_index = r.file_index AND f.line = r.line
),
checked AS (
    SELECT r.*, p.value AS mapped_value, CASE
        WHEN p.rule IS NOT NULL THEN concat(p.rule, ':', p.column_name)
{%- for c in required %}
        WHEN r.{{ c }} IS NULL{{ " OR trim(r.survey) = ''" if c == "survey" }} THEN 'missing_value:{{ c }}'
{%- endfor %}
        WHEN k.iso3 IS NULL THEN 'unknown_economy:ref_area'
        WHEN r.person_weight <= 0 THEN 'non_positive_weight:person_weight'
        WHEN r.household_weight <= 0 THEN 'non_positive_weight:household_weight'
        WHEN r.sex NOT IN ('F', 'M') THEN 'unknown_code:sex'
        WHEN r.urbanisation NOT IN ('U', 'R') THEN 'unknown_code:urbanisation'
        WHEN r.age NOT BETWEEN 0 AND {{ param("max_age") }} OR r.age <> floor(r.age) THEN 'age_out_of_range:age'
{%- for c in answers %}
        WHEN r.{{ c }} NOT IN (0, 1) THEN 'unknown_answer:{{ c }}'
{%- endfor %}
        WHEN d.person_id IS NOT NULL THEN 'duplicate_person:person_id'
        WHEN h.household_id IS NOT NULL THEN 'inconsistent_household:household_id'
    END AS finding
    FROM candidate r
    LEFT JOIN mapping_problems p ON p.file_index = r.file_index AND p.line = r.line
    LEFT JOIN known_economies k ON k.iso3 = r.ref_area
    LEFT JOIN duplicated_person d ON d.file_index = r.file_index AND d.person_id = r.person_id
    LEFT JOIN inconsistent_household h ON h.file_index = r.file_index AND h.household_id = r.household_id
)
SELECT file_index, file, line, household_id, split_part(finding, ':', 1) AS rule,
       split_part(finding, ':', 2) AS column_name,
       coalesce(mapped_value, CASE split_part(finding, ':', 2)
{%- for c in columns %}
           WHEN '{{ c }}' THEN CAST({{ c }} AS STRING)
{%- endfor %}
       END) AS value
FROM checked
WHERE finding IS NOT NULL
