-- Resolve each key of the candidates (staging.resolve_duplicates): rows of a file that gives one key different values
-- are conflicts (won NULL); among the others one row wins (won true): the best class of source, then the newest
-- vintage, then the format's priority, then the file name, line and input order. A hash aggregate, not a sort.
CREATE OR REPLACE TEMP TABLE staging_ranked AS
WITH conflicts AS (
    SELECT ref_area, time_period, series, sex, age, urbanisation, breakdown, file
    FROM staging_candidates
    GROUP BY ALL
    HAVING count(DISTINCT obs_value) > 1
), work AS (
    SELECT c.*, r.src_class, r.src_class_rank, r.src_newness, r.src_priority, r.src_vintage,
           k.file IS NOT NULL AS conflicted
    FROM staging_candidates c
    JOIN staging_file_rank r ON r.base = split_part(c.file, '#', 1)
    LEFT JOIN conflicts k USING (ref_area, time_period, series, sex, age, urbanisation, breakdown, file)
), winners AS (
    SELECT arg_min(seq, (src_class_rank, src_class, src_newness, src_priority, file, line, seq)) AS seq
    FROM work
    WHERE NOT conflicted
    GROUP BY ref_area, time_period, series, sex, age, urbanisation, breakdown
)
SELECT work.*, CASE WHEN NOT conflicted THEN w.seq IS NOT NULL END AS won
FROM work LEFT JOIN winners w USING (seq);
