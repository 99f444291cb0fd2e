SELECT $release AS release, * FROM gender_parity
ORDER BY indicator, series, area_type DESC, ref_area, time_period, age, urbanisation, composite_breakdown
