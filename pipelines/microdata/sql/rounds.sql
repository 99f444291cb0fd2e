-- The survey round of each file: a file must hold one round (one economy, year and survey), and no round two files.
SELECT file_index, max(file) AS file,
       min(ref_area) AS ref_area, max(ref_area) AS last_ref_area,
       min(time_period) AS time_period, max(time_period) AS last_time_period,
       min(survey) AS survey, max(survey) AS last_survey, count(*) AS respondents
FROM {{ respondents }}
GROUP BY file_index
