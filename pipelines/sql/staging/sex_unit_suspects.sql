-- Female and male rows whose observation (every key column but sex) comes in more than one unit or multiplier:
-- sex_consistency.split_unit_mismatch holds them back.
SELECT seq
FROM (SELECT seq, count(DISTINCT unit_measure || '^' || unit_mult) OVER (
                      PARTITION BY ref_area, time_period, series, age, urbanisation, breakdown) AS units
      FROM staging_candidates WHERE sex IN ('F', 'M'))
WHERE units > 1
ORDER BY seq
