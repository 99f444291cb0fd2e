SELECT file, line, "column", rule, value, reason, severity
FROM quarantine
ORDER BY file, line NULLS FIRST, "column", rule, value
