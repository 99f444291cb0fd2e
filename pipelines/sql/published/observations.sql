SELECT o.ref_area, e.m49 AS ref_area_m49, o.time_period, o.series, o.sex, o.age, o.urbanisation,
       o.breakdown, o.unit_measure, o.unit_mult, o.obs_value, o.nature, o.source, o.note, o.source_code, o.file, o.line
FROM observations o JOIN economies e ON e.iso3 = o.ref_area
ORDER BY o.ref_area, o.time_period, o.series, o.sex, o.age, o.urbanisation, o.breakdown
