-- Respondent rows that cannot be used, one record per row: the first rule it breaks (in the order below), the column
-- and the value. Duplicated person ids and households whose members disagree hold back every row concerned.
WITH rows AS (
    SELECT * FROM microdata($files)
),
duplicated_person AS (        -- a file is one survey round (rounds.sql), so ids are unique within a file
    SELECT file_index, person_id
    FROM rows GROUP BY ALL HAVING count(*) > 1
),
inconsistent_household AS (   -- a household-level field that is not the same for every member (empty included)
    SELECT file_index, household_id
    FROM rows GROUP BY ALL
    HAVING min(household_weight) <> max(household_weight) OR min(stratum) <> max(stratum) OR min(psu) <> max(psu)
        OR min(urbanisation) <> max(urbanisation)
        OR min(hh_computer) <> max(hh_computer) OR count(hh_computer) NOT IN (0, count(*))
        OR min(hh_internet) <> max(hh_internet) OR count(hh_internet) NOT IN (0, count(*))
),
checked AS (
    SELECT r.file_index, r.file, r.line, CASE
        WHEN r.ref_area IS NULL THEN {'rule': 'missing_value', 'column': 'ref_area', 'value': NULL::VARCHAR}
        WHEN r.time_period IS NULL THEN {'rule': 'missing_value', 'column': 'time_period', 'value': NULL::VARCHAR}
        WHEN r.survey IS NULL OR trim(r.survey) = '' THEN {'rule': 'missing_value', 'column': 'survey', 'value': r.survey::VARCHAR}
        WHEN r.person_id IS NULL THEN {'rule': 'missing_value', 'column': 'person_id', 'value': NULL::VARCHAR}
        WHEN r.household_id IS NULL THEN {'rule': 'missing_value', 'column': 'household_id', 'value': NULL::VARCHAR}
        WHEN r.person_weight IS NULL THEN {'rule': 'missing_value', 'column': 'person_weight', 'value': NULL::VARCHAR}
        WHEN r.household_weight IS NULL THEN {'rule': 'missing_value', 'column': 'household_weight', 'value': NULL::VARCHAR}
        WHEN r.stratum IS NULL THEN {'rule': 'missing_value', 'column': 'stratum', 'value': NULL::VARCHAR}
        WHEN r.psu IS NULL THEN {'rule': 'missing_value', 'column': 'psu', 'value': NULL::VARCHAR}
        WHEN r.sex IS NULL THEN {'rule': 'missing_value', 'column': 'sex', 'value': NULL::VARCHAR}
        WHEN r.age IS NULL THEN {'rule': 'missing_value', 'column': 'age', 'value': NULL::VARCHAR}
        WHEN r.urbanisation IS NULL THEN {'rule': 'missing_value', 'column': 'urbanisation', 'value': NULL::VARCHAR}
        WHEN r.ref_area NOT IN (SELECT iso3 FROM known_economies)
            THEN {'rule': 'unknown_economy', 'column': 'ref_area', 'value': r.ref_area::VARCHAR}
        WHEN r.person_weight <= 0 THEN {'rule': 'non_positive_weight', 'column': 'person_weight', 'value': r.person_weight::VARCHAR}
        WHEN r.household_weight <= 0
            THEN {'rule': 'non_positive_weight', 'column': 'household_weight', 'value': r.household_weight::VARCHAR}
        WHEN r.sex NOT IN ('F', 'M') THEN {'rule': 'unknown_code', 'column': 'sex', 'value': r.sex::VARCHAR}
        WHEN r.urbanisation NOT IN ('U', 'R')
            THEN {'rule': 'unknown_code', 'column': 'urbanisation', 'value': r.urbanisation::VARCHAR}
        WHEN r.age NOT BETWEEN 0 AND $max_age THEN {'rule': 'age_out_of_range', 'column': 'age', 'value': r.age::VARCHAR}
        WHEN r.internet_3m NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'internet_3m', 'value': r.internet_3m::VARCHAR}
        WHEN r.owns_mobile NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'owns_mobile', 'value': r.owns_mobile::VARCHAR}
        WHEN r.skill_cmfl NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_cmfl', 'value': r.skill_cmfl::VARCHAR}
        WHEN r.skill_copa NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_copa', 'value': r.skill_copa::VARCHAR}
        WHEN r.skill_email NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_email', 'value': r.skill_email::VARCHAR}
        WHEN r.skill_arsp NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_arsp', 'value': r.skill_arsp::VARCHAR}
        WHEN r.skill_inst NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_inst', 'value': r.skill_inst::VARCHAR}
        WHEN r.skill_soft NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_soft', 'value': r.skill_soft::VARCHAR}
        WHEN r.skill_eprs NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_eprs', 'value': r.skill_eprs::VARCHAR}
        WHEN r.skill_traf NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_traf', 'value': r.skill_traf::VARCHAR}
        WHEN r.skill_pcpr NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_pcpr', 'value': r.skill_pcpr::VARCHAR}
        WHEN r.skill_prvcy NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_prvcy', 'value': r.skill_prvcy::VARCHAR}
        WHEN r.skill_vrfy NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'skill_vrfy', 'value': r.skill_vrfy::VARCHAR}
        WHEN r.hh_computer NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'hh_computer', 'value': r.hh_computer::VARCHAR}
        WHEN r.hh_internet NOT IN (0, 1) THEN {'rule': 'unknown_answer', 'column': 'hh_internet', 'value': r.hh_internet::VARCHAR}
        WHEN d.person_id IS NOT NULL THEN {'rule': 'duplicate_person', 'column': 'person_id', 'value': r.person_id::VARCHAR}
        WHEN h.household_id IS NOT NULL
            THEN {'rule': 'inconsistent_household', 'column': 'household_id', 'value': r.household_id::VARCHAR}
    END AS problem
    FROM rows r
    LEFT JOIN duplicated_person d USING (file_index, person_id)
    LEFT JOIN inconsistent_household h USING (file_index, household_id)
)
SELECT file_index, file, line, problem.column AS "column", problem.rule AS rule, CAST(problem.value AS VARCHAR) AS value
FROM checked
WHERE problem IS NOT NULL
ORDER BY file, line
