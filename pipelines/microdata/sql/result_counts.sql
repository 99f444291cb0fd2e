-- DuckDB, on the connection that holds a run's results: per file (its label in result_rounds) the estimates, the
-- withheld estimates, the quarantined rows and the respondents read; MicrodataResult.write adds up a folder's files.
SELECT r.file, r.file_index, coalesce(e.estimates, 0) AS estimates_written, coalesce(e.withheld, 0) AS withheld,
       coalesce(q.quarantined, 0) AS quarantined, r.respondents AS respondents_read
FROM result_rounds r
LEFT JOIN (SELECT file_index, count(*) AS estimates, count(*) FILTER (withheld) AS withheld
           FROM result_estimates GROUP BY file_index) e ON e.file_index = r.file_index
LEFT JOIN (SELECT file_index, count(*) AS quarantined FROM result_quarantine GROUP BY file_index) q
       ON q.file_index = r.file_index
