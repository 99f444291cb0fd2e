-- Candidate observations that may break the staged Observation model (schemas/staged.py): every row Pandera would
-- reject is here (tests/foundation/test_staging_sql.py proves it rule by rule), so only these rows leave DuckDB, to be
-- judged and explained by the model itself. A row listed here that the model accepts is staged.
SELECT c.seq
FROM staging_candidates c
LEFT JOIN staging_catalogue k ON k.series = c.series
WHERE c.ref_area IS NULL OR c.series IS NULL OR c.sex IS NULL OR c.age IS NULL OR c.urbanisation IS NULL
   OR c.breakdown IS NULL OR c.unit_measure IS NULL OR c.unit_mult IS NULL OR c.nature IS NULL OR c.file IS NULL
   OR c.line IS NULL OR c.line < 0
   OR c.time_period IS NULL OR c.time_period NOT BETWEEN 1960 AND 2100
   OR c.obs_value IS NULL OR isnan(c.obs_value)
   OR NOT list_contains($economies, c.ref_area)
   OR k.series IS NULL
   OR NOT list_contains($sex_codes, c.sex)
   OR NOT list_contains($urbanisation_codes, c.urbanisation)
   OR NOT list_contains($nature_codes, c.nature)
   OR NOT regexp_full_match(c.age, $age_pattern)
   OR NOT regexp_full_match(c.breakdown, $breakdown_pattern)
   OR (k.unit_measure IS NOT NULL AND c.unit_measure <> k.unit_measure)
   OR (k.min_value = 0 AND c.obs_value < 0)
   OR (k.max_value IS NOT NULL AND c.obs_value > k.max_value)
ORDER BY c.seq
