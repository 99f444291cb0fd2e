-- Female and male rows without a total (sex _T) for the same economy, year, series, age, area and breakdown.
SELECT c.seq
FROM staging_candidates c
WHERE c.sex IN ('F', 'M') AND NOT EXISTS (
    SELECT 1 FROM staging_candidates t
    WHERE t.sex = '_T' AND t.ref_area = c.ref_area AND t.time_period = c.time_period AND t.series = c.series
      AND t.age = c.age AND t.urbanisation = c.urbanisation AND t.breakdown = c.breakdown)
ORDER BY c.seq
