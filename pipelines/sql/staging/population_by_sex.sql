-- Population by sex that may not add up to its total (sex_consistency.POPULATION_BY_SEX; split_sex_total_mismatch
-- judges and words them): female and male rows of one vintage whose sum is not within the tolerance of the total of
-- that vintage (a slightly tighter bound here, so no row the rule holds back is missed), and those totals. Every other
-- population row stays in DuckDB. A file without a vintage is a vintage of its own.
WITH population AS (
    SELECT c.seq, c.series, c.obs_value, c.ref_area, c.time_period, c.sex, c.age, c.urbanisation, c.breakdown,
           coalesce(nullif(v.vintage, ''), 'file:' || c.file) AS vintage_key
    FROM staging_candidates c
    LEFT JOIN staging_vintages v ON v.file = split_part(c.file, '#', 1)
    WHERE list_contains($series, c.series)
), suspects AS (
    SELECT f.seq AS female, m.seq AS male, t.seq AS total
    FROM staging_population_pairs p
    JOIN population f ON f.series = p.female
    JOIN population m ON m.series = p.male AND m.ref_area = f.ref_area AND m.time_period = f.time_period
         AND m.sex = f.sex AND m.age = f.age AND m.urbanisation = f.urbanisation AND m.breakdown = f.breakdown
         AND m.vintage_key = f.vintage_key
    LEFT JOIN population t ON t.series = p.total_series AND t.ref_area = f.ref_area AND t.time_period = f.time_period
         AND t.sex = f.sex AND t.age = f.age AND t.urbanisation = f.urbanisation AND t.breakdown = f.breakdown
         AND t.vintage_key = f.vintage_key
    WHERE (p.total_series IS NULL OR t.seq IS NOT NULL)
      AND NOT abs(f.obs_value + m.obs_value - coalesce(t.obs_value, p.total_value))
              <= 0.99 * $tolerance * abs(coalesce(t.obs_value, p.total_value))
)
SELECT female FROM suspects UNION SELECT male FROM suspects UNION SELECT total FROM suspects WHERE total IS NOT NULL
