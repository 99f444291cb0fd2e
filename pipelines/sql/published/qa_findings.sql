SELECT rule, ref_area, time_period, series, sex, breakdown, obs_value, detail
FROM qa_findings
ORDER BY rule, ref_area, series, time_period, sex, breakdown
