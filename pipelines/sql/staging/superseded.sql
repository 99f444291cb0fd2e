-- Quarantine records of the rows that lost to another row of their key (staging_ranked, staging.resolve_duplicates):
-- a repeat within the file is `duplicate` (excluded), else `superseded`, saying which file won and why, naming both
-- vintages when the class decided by vintage. In SQL: at scale 10 they are most of the records. A view, so its
-- records are written once, straight into the quarantine, in file and line order: the published quarantine's, which
-- halves the time publishing takes to sort it.
CREATE OR REPLACE TEMP VIEW staging_superseded AS
WITH losers AS (
    SELECT l.*, w.file AS file_win, w.line AS line_win, w.obs_value AS obs_value_win, w.src_class AS src_class_win,
           w.src_vintage AS src_vintage_win, l.file = w.file AS same_file,
           CASE WHEN l.src_vintage <> '' THEN 'vintage ' || l.src_vintage ELSE 'vintage unknown' END AS vintage_text,
           CASE WHEN w.src_vintage <> '' THEN 'vintage ' || w.src_vintage ELSE 'vintage unknown' END AS vintage_win,
           '''' || l.src_class || '''' AS class_text,
           -- a line of a disaggregated table holds several values: the sentence names which one lost
           CASE WHEN l.sex = '_T' AND l.age = '_T' AND l.urbanisation = '_T' AND l.breakdown = '_T' THEN ''
                ELSE ' (' || concat_ws(', ', CASE WHEN l.breakdown <> '_T' THEN l.breakdown END,
                                       CASE WHEN l.sex <> '_T' THEN 'sex ' || l.sex END,
                                       CASE WHEN l.age <> '_T' THEN 'age ' || l.age END,
                                       CASE WHEN l.urbanisation <> '_T' THEN 'urbanisation ' || l.urbanisation END)
                     || ')' END AS breakdown_text
    FROM staging_ranked l
    JOIN staging_ranked w ON w.won AND w.ref_area = l.ref_area AND w.time_period = l.time_period
         AND w.series = l.series AND w.sex = l.sex AND w.age = l.age AND w.urbanisation = l.urbanisation
         AND w.breakdown = l.breakdown
    WHERE NOT l.won
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
SELECT file, line, 'obs_value' AS "column", CASE WHEN same_file THEN 'duplicate' ELSE 'superseded' END AS rule,
       left(CAST(obs_value AS VARCHAR), 200) AS value,
       file || ' line ' || line || ': ' || series || breakdown_text || ' for ' || ref_area || ' ' || time_period || ' '
       || CASE WHEN same_file THEN 'repeats line ' || line_win || ' of the same file with the same value'
               ELSE 'is also given by ' || file_win || ' line ' || line_win || ' (' || given || '), which wins: ' || why
          END || '.' AS reason,
       CASE WHEN same_file THEN 'excluded' ELSE 'superseded' END AS severity
FROM said
ORDER BY file, line, seq;
