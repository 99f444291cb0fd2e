SELECT $release AS release, * FROM sdg_findings ORDER BY indicator, rule, ref_area, series, time_period
