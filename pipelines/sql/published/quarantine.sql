-- The published quarantine (QuarantinePublished): every record read but not staged, in file and line order. The
-- `quarantine` view renders the sentences of the superseded records as it is read (pipelines/sql/staging/
-- quarantine.sql). MATERIALIZED: DuckDB 2.0.1 did not spill an ORDER BY over that view's UNION ALL and ran out of
-- memory under the publish step's limit at scale 10, while the same sort over a materialized result spills.
WITH rendered AS MATERIALIZED (SELECT file, line, "column", rule, value, reason, severity FROM quarantine)
SELECT file, line, "column", rule, value, reason, severity
FROM rendered
ORDER BY file, line NULLS FIRST, "column", rule, value, reason
