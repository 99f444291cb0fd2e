-- Survey estimates staged in this release with their quality, read back from the note the survey_estimates_csv
-- adapter writes (pipelines/core/survey_estimates_file.py: note): one row per observation from a survey estimates file.
SELECT o.ref_area, o.time_period, o.series, o.breakdown, o.sex, o.age, o.urbanisation,
       o.obs_value AS estimate,
       CAST(regexp_extract(o.note, 'standard error ([0-9.e+-]+) percentage points', 1) AS DOUBLE) AS standard_error,
       CAST(regexp_extract(o.note, ', ([0-9]+) respondents', 1) AS BIGINT) AS respondents,
       CAST(nullif(regexp_extract(o.note, 'CV ([0-9.]+)%', 1), '') AS DOUBLE) / 100 AS cv,
       coalesce(nullif(replace(regexp_extract(o.note, 'flagged: ([a-z ]+)$', 1), ' ', '_'), ''), 'ok') AS quality,
       o.source AS survey, o.source_code AS question, o.file, o.line
FROM observations o
JOIN ingest_files f ON f.file = o.file AND f.format = 'survey_estimates_csv'
ORDER BY o.ref_area, o.time_period, o.series, o.breakdown, o.sex, o.age, o.urbanisation
