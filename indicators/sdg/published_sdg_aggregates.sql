SELECT $release AS release, * FROM sdg_aggregates ORDER BY series, ref_area, time_period, sex
