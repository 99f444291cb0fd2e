-- The rows that lost to another row of their key (staging_ranked, staging.resolve_duplicates), as a narrow table: where
-- each loser was read, its key and value, and the winner's file, line, value, class and vintage. At scale 10 they are
-- most of the records (1.27M); their quarantine sentences are rendered only when read (quarantine.sql), so staging
-- writes no text it does not need.
CREATE OR REPLACE TABLE staging_superseded AS
SELECT l.file, l.line, l.seq, l.series, l.ref_area, l.time_period, l.sex, l.age, l.urbanisation, l.breakdown,
       l.obs_value, l.src_class, l.src_vintage, w.file AS file_win, w.line AS line_win, w.obs_value AS obs_value_win,
       w.src_class AS src_class_win, w.src_vintage AS src_vintage_win
FROM staging_ranked l
JOIN staging_ranked w ON w.won AND w.ref_area = l.ref_area AND w.time_period = l.time_period AND w.series = l.series
     AND w.sex = l.sex AND w.age = l.age AND w.urbanisation = l.urbanisation AND w.breakdown = l.breakdown
WHERE NOT l.won;
