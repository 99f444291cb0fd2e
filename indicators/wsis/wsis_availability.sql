-- Per target and year: indicators in the catalogue, indicators the project can compute, indicators with at least
-- one economy value, and economies reporting any indicator of the target. Years: those with any WSIS value, so
-- targets without data show as zero rather than disappearing.
WITH years AS (
    SELECT DISTINCT time_period FROM wsis_targets WHERE NOT is_aggregate
), defined AS (
    SELECT target, any_value(target_title) AS target_title, count(DISTINCT indicator) AS indicators_defined,
           count(DISTINCT indicator) FILTER (WHERE computed <> 'none') AS indicators_computable
    FROM wsis_indicators GROUP BY target
), observed AS (
    SELECT target, time_period, count(DISTINCT indicator) AS indicators_with_data,
           count(DISTINCT ref_area) AS economies_reporting
    FROM wsis_targets WHERE NOT is_aggregate GROUP BY target, time_period
)
SELECT d.target, d.target_title, y.time_period, d.indicators_defined, d.indicators_computable,
       coalesce(o.indicators_with_data, 0) AS indicators_with_data,
       coalesce(o.economies_reporting, 0) AS economies_reporting
FROM defined AS d
CROSS JOIN years AS y
LEFT JOIN observed AS o ON o.target = d.target AND o.time_period = y.time_period
ORDER BY d.target, y.time_period
