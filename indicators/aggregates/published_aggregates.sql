SELECT $release AS release, * FROM aggregates ORDER BY series, ref_area, time_period, sex
