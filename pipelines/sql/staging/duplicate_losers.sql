-- The rows that lost to another row of their key (staging_ranked), in key and rank order, beside the winner.
SELECT l.seq, l.ref_area, l.time_period, l.series, l.sex, l.age, l.urbanisation, l.breakdown, l.obs_value, l.file,
       l.line, l.src_class, l.src_vintage, w.file AS file_win, w.line AS line_win, w.obs_value AS obs_value_win,
       w.src_class AS src_class_win, w.src_vintage AS src_vintage_win
FROM staging_ranked l
JOIN staging_ranked w ON w.won AND w.ref_area = l.ref_area AND w.time_period = l.time_period
     AND w.series = l.series AND w.sex = l.sex AND w.age = l.age AND w.urbanisation = l.urbanisation
     AND w.breakdown = l.breakdown
WHERE NOT l.won
ORDER BY l.ref_area, l.time_period, l.series, l.sex, l.age, l.urbanisation, l.breakdown, l.src_class_rank,
         l.src_class, l.src_newness, l.src_priority, l.file, l.line, l.seq
