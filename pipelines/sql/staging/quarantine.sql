-- The staged quarantine (staging.stage_tables): the records held back with their sentence (staging_quarantine_held),
-- then one per row that lost to another row of its key (staging_superseded), its sentence rendered here, when read: a
-- repeat within the file is `duplicate` (excluded), else `superseded`, saying which file won and why, naming both
-- vintages when the class decided by vintage. Tables of the staging step, not staged tables: no indicator reads them.
CREATE VIEW quarantine AS
WITH losers AS (
    SELECT *, file = file_win AS same_file,
           CASE WHEN src_vintage <> '' THEN 'vintage ' || src_vintage ELSE 'vintage unknown' END AS vintage_text,
           CASE WHEN src_vintage_win <> '' THEN 'vintage ' || src_vintage_win ELSE 'vintage unknown' END AS vintage_win,
           '''' || src_class || '''' AS class_text,
           -- a line of a disaggregated table holds several values: the sentence names which one lost
           CASE WHEN sex = '_T' AND age = '_T' AND urbanisation = '_T' AND breakdown = '_T' THEN ''
                ELSE ' (' || concat_ws(', ', CASE WHEN breakdown <> '_T' THEN breakdown END,
                                       CASE WHEN sex <> '_T' THEN 'sex ' || sex END,
                                       CASE WHEN age <> '_T' THEN 'age ' || age END,
                                       CASE WHEN urbanisation <> '_T' THEN 'urbanisation ' || urbanisation END)
                     || ')' END AS breakdown_text
    FROM staging_superseded
), said AS (
    SELECT *,
           CASE WHEN src_class <> src_class_win THEN 'a class of source with higher priority'
                WHEN src_vintage <> src_vintage_win THEN 'the newer ' || vintage_win || ' against this file''s '
                     || vintage_text || ', within the class ' || class_text
                ELSE 'same class ' || class_text || ' and ' || vintage_text || ': a format with higher priority or, '
                     || 'at equal priority, the file first by name'
           END || ' (pipelines/reference/source_priority.csv)' AS why,
           CASE WHEN abs(obs_value - obs_value_win) <= 1e-9 * greatest(abs(obs_value_win), 1.0) THEN 'same value'
                ELSE 'value ' || format('{:g}', obs_value_win) END AS given
    FROM losers
)
SELECT file, line, "column", rule, value, reason, severity FROM staging_quarantine_held
UNION ALL
SELECT file, line, 'obs_value' AS "column", CASE WHEN same_file THEN 'duplicate' ELSE 'superseded' END AS rule,
       left(CAST(obs_value AS VARCHAR), 200) AS value,
       file || ' line ' || line || ': ' || series || breakdown_text || ' for ' || ref_area || ' ' || time_period || ' '
       || CASE WHEN same_file THEN 'repeats line ' || line_win || ' of the same file with the same value'
               ELSE 'is also given by ' || file_win || ' line ' || line_win || ' (' || given || '), which wins: ' || why
          END || '.' AS reason,
       CASE WHEN same_file THEN 'excluded' ELSE 'superseded' END AS severity
FROM said;
