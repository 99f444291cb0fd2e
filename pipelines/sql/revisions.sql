-- What changed between two releases' observations: old_obs (the previous release) and new_obs (this one).
-- change: revised (both have the key, |new - old| > $abs_tol + $rel_tol x |old|), dropped (the key is gone while the
-- economy still has that series), economy_missing (an economy had the series and now has none of it; its latest
-- old value is shown), series_added / series_dropped (a series slice, i.e. series x sex x age x urbanisation x
-- breakdown, present in only one release; one row per slice with a count in detail).
WITH pairs AS (
    SELECT ref_area, time_period, series, sex, age, urbanisation, breakdown,
           o.obs_value AS old_value, n.obs_value AS new_value, o.nature AS old_nature, n.nature AS new_nature,
           o.source AS old_source, n.source AS new_source, o.obs_value IS NOT NULL AS in_old,
           n.obs_value IS NOT NULL AS in_new
    FROM old_obs AS o
    FULL OUTER JOIN new_obs AS n USING (ref_area, time_period, series, sex, age, urbanisation, breakdown)
), slices AS (
    SELECT series, sex, age, urbanisation, breakdown, bool_or(in_old) AS in_old, bool_or(in_new) AS in_new,
           count(DISTINCT ref_area) FILTER (WHERE in_old) AS old_areas,
           count(DISTINCT ref_area) FILTER (WHERE in_new) AS new_areas
    FROM pairs GROUP BY ALL
), area_slices AS (
    SELECT series, sex, age, urbanisation, breakdown, ref_area, bool_or(in_new) AS area_in_new
    FROM pairs GROUP BY ALL
), value_changes AS (
    SELECT CASE WHEN p.in_old AND p.in_new THEN 'revised' ELSE 'dropped' END AS change,
           p.series, p.sex, p.age, p.urbanisation, p.breakdown, p.ref_area, p.time_period,
           p.old_value, p.new_value, p.old_nature, p.new_nature, p.old_source, p.new_source, NULL AS detail
    FROM pairs AS p
    JOIN slices AS s USING (series, sex, age, urbanisation, breakdown)
    JOIN area_slices AS a USING (series, sex, age, urbanisation, breakdown, ref_area)
    WHERE s.in_old AND s.in_new AND a.area_in_new
      AND ((p.in_old AND p.in_new AND abs(p.new_value - p.old_value) > $abs_tol + $rel_tol * abs(p.old_value))
           OR (p.in_old AND NOT p.in_new))
), missing_economies AS (
    SELECT 'economy_missing' AS change, p.series, p.sex, p.age, p.urbanisation, p.breakdown, p.ref_area,
           max(p.time_period) AS time_period, arg_max(p.old_value, p.time_period) AS old_value, NULL AS new_value,
           arg_max(p.old_nature, p.time_period) AS old_nature, NULL AS new_nature,
           arg_max(p.old_source, p.time_period) AS old_source, NULL AS new_source,
           count(*) || ' value(s) in the previous release, none now' AS detail
    FROM pairs AS p
    JOIN slices AS s USING (series, sex, age, urbanisation, breakdown)
    JOIN area_slices AS a USING (series, sex, age, urbanisation, breakdown, ref_area)
    WHERE s.in_old AND s.in_new AND NOT a.area_in_new
    GROUP BY ALL
), series_changes AS (
    SELECT CASE WHEN in_new THEN 'series_added' ELSE 'series_dropped' END AS change,
           series, sex, age, urbanisation, breakdown, NULL AS ref_area, NULL AS time_period,
           NULL AS old_value, NULL AS new_value, NULL AS old_nature, NULL AS new_nature, NULL AS old_source,
           NULL AS new_source,
           greatest(old_areas, new_areas) || ' economies' AS detail
    FROM slices WHERE in_old <> in_new
)
SELECT $release AS release, $previous_release AS previous_release, change, series, sex, age, urbanisation, breakdown,
       ref_area::VARCHAR AS ref_area, time_period::BIGINT AS time_period, old_value::DOUBLE AS old_value,
       new_value::DOUBLE AS new_value, (new_value - old_value)::DOUBLE AS difference,
       old_nature::VARCHAR AS old_nature, new_nature::VARCHAR AS new_nature, old_source::VARCHAR AS old_source,
       new_source::VARCHAR AS new_source, detail::VARCHAR AS detail
FROM (SELECT * FROM value_changes UNION ALL SELECT * FROM missing_economies UNION ALL SELECT * FROM series_changes)
ORDER BY change, series, sex, age, urbanisation, breakdown, ref_area NULLS FIRST, time_period NULLS FIRST
