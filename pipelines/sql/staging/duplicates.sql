-- Resolve each key of the candidates (staging.resolve_duplicates): rows of a file that gives one key different values
-- are conflicts (won NULL); among the others one row wins (won true): the best class of source, then the newest
-- vintage, then the format's priority, then the file name, line and input order. Each file is ranked once
-- (file_order), so the per-key choice is a hash aggregate over integers, not a sort; only the columns the quarantine
-- records need are kept, as at scale 10 most of the 1.4M candidates lose.
CREATE OR REPLACE TEMP TABLE staging_ranked AS
WITH files AS (
    SELECT f.file, r.src_class, r.src_vintage,
           row_number() OVER (ORDER BY r.src_class_rank, r.src_class, r.src_newness, r.src_priority, f.file) AS file_order
    FROM (SELECT DISTINCT file FROM staging_candidates) f
    JOIN staging_file_rank r ON r.base = split_part(f.file, '#', 1)
), conflicts AS (
    SELECT ref_area, time_period, series, sex, age, urbanisation, breakdown, file
    FROM staging_candidates
    GROUP BY ALL
    HAVING count(DISTINCT obs_value) > 1
), work AS (
    SELECT c.seq, c.ref_area, c.time_period, c.series, c.sex, c.age, c.urbanisation, c.breakdown, c.obs_value, c.file,
           c.line, f.file_order, f.src_class, f.src_vintage, k.file IS NOT NULL AS conflicted
    FROM staging_candidates c
    JOIN files f USING (file)
    LEFT JOIN conflicts k USING (ref_area, time_period, series, sex, age, urbanisation, breakdown, file)
), winners AS (
    SELECT arg_min(seq, (file_order, line, seq)) AS seq
    FROM work
    WHERE NOT conflicted
    GROUP BY ref_area, time_period, series, sex, age, urbanisation, breakdown
)
SELECT work.*, CASE WHEN NOT conflicted THEN w.seq IS NOT NULL END AS won
FROM work LEFT JOIN winners w USING (seq);
