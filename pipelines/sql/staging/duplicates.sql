-- Rank the candidates of each key (staging.resolve_duplicates): rows of a file that gives one key different values
-- are conflicts (rank NULL); among the others the best class of source, then the newest vintage, then the format's
-- priority, then the file name and line win (rank 1). The loser columns name the row that won.
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
)
SELECT *, CASE WHEN NOT conflicted THEN row_number() OVER (
              PARTITION BY ref_area, time_period, series, sex, age, urbanisation, breakdown, conflicted
              ORDER BY src_class_rank, src_class, src_newness, src_priority, file, line, seq) END AS rank
FROM work;
