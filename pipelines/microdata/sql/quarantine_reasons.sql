-- A batch's held-back rows (`source`: quarantine.sql's table, file_index within the batch) added to result_quarantine
-- with the file's label (result_rounds) and a sentence each (rule_texts). Runs in the DuckDB connection that holds
-- the results, whichever engine found the rows.
INSERT INTO result_quarantine BY NAME
SELECT r.file_index, r.file, q.line, q.column_name AS "column", q.rule, q.value,
       r.file || ' row ' || CAST(q.line AS STRING) || ', column ''' || q.column_name || ''': '
           || coalesce(t.text, q.rule) || ' (value ' || coalesce('''' || q.value || '''', 'None') || ').' AS reason,
       'error' AS severity
FROM {{ source }} q
JOIN result_rounds r ON r.file_index = q.file_index + {{ param("batch_start") }}
LEFT JOIN rule_texts t ON t.rule = q.rule
