SELECT $release AS release, indicator, series, ref_area, ref_area_m49, area_type, time_period, sex, age, urbanisation,
       composite_breakdown, obs_value, unit_measure, nature, source, comment, definition, series_break, coverage_pct,
       economies_reported, economies_imputed, provenance
FROM sdg_indicators
ORDER BY indicator, series, area_type DESC, ref_area, time_period, sex, age, urbanisation, composite_breakdown
