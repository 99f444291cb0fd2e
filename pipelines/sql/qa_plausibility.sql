-- Plausibility findings: warnings, published in qa_findings; they never block publishing.
-- Parameters: $jump_points (absolute year-on-year change, in points, that is flagged for % and per-100 series)
WITH cat AS (SELECT * FROM series_catalogue),
above AS (
    SELECT 'above_plausible_maximum' AS rule, o.ref_area, o.time_period, o.series, o.sex, o.breakdown, o.obs_value,
           'value ' || round(o.obs_value, 2) || ' is above the plausible maximum ' || c.warn_above || ' for ' || c.title AS detail
    FROM observations o JOIN cat c USING (series)
    WHERE c.warn_above IS NOT NULL AND o.obs_value > c.warn_above
),
jumps AS (
    SELECT 'year_on_year_jump' AS rule, ref_area, time_period, series, sex, breakdown, obs_value,
           'changed by ' || round(obs_value - prev, 2) || ' points from ' || round(prev, 2) || ' in ' || prev_year AS detail
    FROM (
        SELECT o.*, lag(obs_value) OVER w AS prev, lag(time_period) OVER w AS prev_year
        FROM observations o JOIN cat c USING (series)
        WHERE c.unit_measure IN ('PERCENT', 'PER_100_POP')
        WINDOW w AS (PARTITION BY ref_area, series, sex, age, urbanisation, breakdown ORDER BY time_period)
    )
    WHERE prev IS NOT NULL AND time_period - prev_year = 1 AND abs(obs_value - prev) > $jump_points
),
by_sex AS (
    SELECT 'female_and_male_above_total' AS rule, t.ref_area, t.time_period, t.series, '_T' AS sex, t.breakdown,
           t.obs_value, 'female ' || f.obs_value || ' and male ' || m.obs_value || ' are both above the total ' || t.obs_value AS detail
    FROM observations t
    JOIN observations f ON f.sex = 'F' AND (f.ref_area, f.time_period, f.series, f.age, f.urbanisation, f.breakdown)
                                        = (t.ref_area, t.time_period, t.series, t.age, t.urbanisation, t.breakdown)
    JOIN observations m ON m.sex = 'M' AND (m.ref_area, m.time_period, m.series, m.age, m.urbanisation, m.breakdown)
                                        = (t.ref_area, t.time_period, t.series, t.age, t.urbanisation, t.breakdown)
    WHERE t.sex = '_T' AND f.obs_value > t.obs_value AND m.obs_value > t.obs_value
),
coverage AS (
    SELECT 'newer_technology_above_older' AS rule, hi.ref_area, hi.time_period, hi.series, hi.sex, hi.breakdown,
           hi.obs_value, hi.series || ' ' || hi.obs_value || ' is above ' || lo.series || ' ' || lo.obs_value AS detail
    FROM observations hi
    JOIN (VALUES ('COV_3G_PCT', 'COV_2G_PCT'), ('COV_4G_PCT', 'COV_3G_PCT'), ('COV_5G_PCT', 'COV_4G_PCT')) AS p(newer, older)
      ON hi.series = p.newer
    JOIN observations lo ON lo.series = p.older AND lo.ref_area = hi.ref_area AND lo.time_period = hi.time_period
                        AND lo.sex = hi.sex AND lo.age = hi.age AND lo.urbanisation = hi.urbanisation
    WHERE hi.obs_value > lo.obs_value + 1e-9
)
SELECT * FROM above UNION ALL SELECT * FROM jumps UNION ALL SELECT * FROM by_sex UNION ALL SELECT * FROM coverage
ORDER BY rule, ref_area, series, time_period, sex, breakdown
