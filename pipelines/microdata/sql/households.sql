-- The households of each file (a file is one survey round), one row per household and distinct set of its
-- household-level values, with the members holding that set: a household whose members agree on every household-level
-- field (an empty value counting as a value of its own) has one row, an inconsistent one several. Grouping by the
-- values, rather than taking each field's min and max per household, is one cheap hash key instead of two string
-- aggregates per field. Taken once: the checks and the estimator both read it.
SELECT file_index, household_id, {{ household_fields | join(", ") }}, count(*) AS members
FROM {{ respondents }}
GROUP BY file_index, household_id, {{ household_fields | join(", ") }}
