-- Figures (series, area, year, sex, age, urbanisation, breakdown) that several published tables show with values
-- further apart than a relative $tolerance: every row of each, for the one-value release check.
WITH spread AS (
    SELECT series, ref_area, time_period, sex, age, urbanisation, breakdown
    FROM figures
    GROUP BY ALL
    HAVING max(value) - min(value) > $tolerance * greatest(1.0, abs(max(value)), abs(min(value)))
)
SELECT f.*
FROM figures AS f JOIN spread USING (series, ref_area, time_period, sex, age, urbanisation, breakdown)
ORDER BY series, ref_area, time_period, sex, age, urbanisation, breakdown, "table", "column"
