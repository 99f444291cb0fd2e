-- The members of each household (per file: a file is one survey round) grouped by the household-level fields they
-- give, an empty value counting as a value of its own: one row per household whose members agree, more when they
-- disagree. households.sql reads it.
SELECT file_index, household_id, {{ household_fields | join(", ") }}, count(*) AS members
FROM {{ respondents }}
GROUP BY file_index, household_id, {{ household_fields | join(", ") }}
