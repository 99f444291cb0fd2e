-- Respondent rows that cannot be used, one record per row: the first rule it breaks (in the order below), the column
-- and the value. Duplicated person ids and households whose members disagree hold back every row concerned.
WITH rows AS NOT MATERIALIZED (   -- each use scans only the columns it needs
    SELECT * FROM microdata($files)
),
duplicated_person AS (        -- a file is one survey round (rounds.sql), so ids are unique within a file
    SELECT file_index, person_id
    FROM rows GROUP BY ALL HAVING count(*) > 1
),
inconsistent_household AS (   -- members that differ on a household-level field (an empty value counts as one),
    SELECT file_index, household_id   -- compared through a 64-bit hash of the fields: one pair of integers per group
    FROM rows GROUP BY ALL
    HAVING min(hash(household_weight, stratum, psu, urbanisation, hh_computer, hh_internet))
        <> max(hash(household_weight, stratum, psu, urbanisation, hh_computer, hh_internet))
),
checked AS (
    SELECT r.file_index, r.file, r.line, CASE
        WHEN r.ref_area IS NULL THEN problem('missing_value', 'ref_area', NULL)
        WHEN r.time_period IS NULL THEN problem('missing_value', 'time_period', NULL)
        WHEN r.survey IS NULL OR trim(r.survey) = '' THEN problem('missing_value', 'survey', r.survey)
        WHEN r.person_id IS NULL THEN problem('missing_value', 'person_id', NULL)
        WHEN r.household_id IS NULL THEN problem('missing_value', 'household_id', NULL)
        WHEN r.person_weight IS NULL THEN problem('missing_value', 'person_weight', NULL)
        WHEN r.household_weight IS NULL THEN problem('missing_value', 'household_weight', NULL)
        WHEN r.stratum IS NULL THEN problem('missing_value', 'stratum', NULL)
        WHEN r.psu IS NULL THEN problem('missing_value', 'psu', NULL)
        WHEN r.sex IS NULL THEN problem('missing_value', 'sex', NULL)
        WHEN r.age IS NULL THEN problem('missing_value', 'age', NULL)
        WHEN r.urbanisation IS NULL THEN problem('missing_value', 'urbanisation', NULL)
        WHEN r.ref_area NOT IN (SELECT iso3 FROM known_economies)
            THEN problem('unknown_economy', 'ref_area', r.ref_area)
        WHEN r.person_weight <= 0 THEN problem('non_positive_weight', 'person_weight', r.person_weight)
        WHEN r.household_weight <= 0 THEN problem('non_positive_weight', 'household_weight', r.household_weight)
        WHEN r.sex NOT IN ('F', 'M') THEN problem('unknown_code', 'sex', r.sex)
        WHEN r.urbanisation NOT IN ('U', 'R') THEN problem('unknown_code', 'urbanisation', r.urbanisation)
        WHEN r.age NOT BETWEEN 0 AND $max_age THEN problem('age_out_of_range', 'age', r.age)
        WHEN r.internet_3m NOT IN (0, 1) THEN problem('unknown_answer', 'internet_3m', r.internet_3m)
        WHEN r.owns_mobile NOT IN (0, 1) THEN problem('unknown_answer', 'owns_mobile', r.owns_mobile)
        WHEN r.skill_cmfl NOT IN (0, 1) THEN problem('unknown_answer', 'skill_cmfl', r.skill_cmfl)
        WHEN r.skill_copa NOT IN (0, 1) THEN problem('unknown_answer', 'skill_copa', r.skill_copa)
        WHEN r.skill_email NOT IN (0, 1) THEN problem('unknown_answer', 'skill_email', r.skill_email)
        WHEN r.skill_arsp NOT IN (0, 1) THEN problem('unknown_answer', 'skill_arsp', r.skill_arsp)
        WHEN r.skill_inst NOT IN (0, 1) THEN problem('unknown_answer', 'skill_inst', r.skill_inst)
        WHEN r.skill_soft NOT IN (0, 1) THEN problem('unknown_answer', 'skill_soft', r.skill_soft)
        WHEN r.skill_eprs NOT IN (0, 1) THEN problem('unknown_answer', 'skill_eprs', r.skill_eprs)
        WHEN r.skill_traf NOT IN (0, 1) THEN problem('unknown_answer', 'skill_traf', r.skill_traf)
        WHEN r.skill_pcpr NOT IN (0, 1) THEN problem('unknown_answer', 'skill_pcpr', r.skill_pcpr)
        WHEN r.skill_prvcy NOT IN (0, 1) THEN problem('unknown_answer', 'skill_prvcy', r.skill_prvcy)
        WHEN r.skill_vrfy NOT IN (0, 1) THEN problem('unknown_answer', 'skill_vrfy', r.skill_vrfy)
        WHEN r.hh_computer NOT IN (0, 1) THEN problem('unknown_answer', 'hh_computer', r.hh_computer)
        WHEN r.hh_internet NOT IN (0, 1) THEN problem('unknown_answer', 'hh_internet', r.hh_internet)
        WHEN d.person_id IS NOT NULL THEN problem('duplicate_person', 'person_id', r.person_id)
        WHEN h.household_id IS NOT NULL THEN problem('inconsistent_household', 'household_id', r.household_id)
    END AS problem
    FROM rows r
    LEFT JOIN duplicated_person d USING (file_index, person_id)
    LEFT JOIN inconsistent_household h USING (file_index, household_id)
)
SELECT file_index, file, line, problem.column AS "column", problem.rule AS rule, problem.value AS value
FROM checked
WHERE problem IS NOT NULL
ORDER BY file, line
