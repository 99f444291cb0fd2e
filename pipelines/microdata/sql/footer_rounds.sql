-- DuckDB only: the survey round of each file (rounds.sql's columns) from its Parquet footers, without reading its
-- rows: the lowest and highest ref_area, time_period and survey over the row groups' statistics, and the rows of the
-- row groups. `exact`: every row group gives exact statistics of the three (or holds only empty values there) and
-- the file stores them as text, integers and text; the estimator reads the rows of a batch with an inexact file
-- (engines.py: DuckDBEngine.rounds). `integer_types`: engines.INTEGER_TYPES.
WITH stored AS (
    SELECT file_name AS file, name AS column_name,
           CASE name WHEN 'time_period' THEN list_contains($integer_types, duckdb_type)
                     ELSE duckdb_type = 'VARCHAR' END AS as_expected
    FROM parquet_schema($files)
    WHERE name IN ('ref_area', 'time_period', 'survey')
),
row_groups AS (
    SELECT file_name AS file, path_in_schema AS column_name, row_group_num_rows AS group_rows,
           stats_min_value AS low, stats_max_value AS high,
           coalesce(min_is_exact AND max_is_exact AND stats_min_value IS NOT NULL AND stats_max_value IS NOT NULL
                    OR stats_null_count = row_group_num_rows, false) AS known
    FROM parquet_metadata($files)
    WHERE path_in_schema IN ('ref_area', 'time_period', 'survey')
)
SELECT g.file,
       min(g.low) FILTER (WHERE g.column_name = 'ref_area') AS ref_area,
       max(g.high) FILTER (WHERE g.column_name = 'ref_area') AS last_ref_area,
       min(TRY_CAST(g.low AS BIGINT)) FILTER (WHERE g.column_name = 'time_period') AS time_period,
       max(TRY_CAST(g.high AS BIGINT)) FILTER (WHERE g.column_name = 'time_period') AS last_time_period,
       min(g.low) FILTER (WHERE g.column_name = 'survey') AS survey,
       max(g.high) FILTER (WHERE g.column_name = 'survey') AS last_survey,
       CAST(coalesce(sum(g.group_rows) FILTER (WHERE g.column_name = 'ref_area'), 0) AS BIGINT) AS respondents,
       bool_and(g.known AND s.as_expected) AND count(DISTINCT g.column_name) = 3 AS exact
FROM row_groups g
JOIN stored s ON s.file = g.file AND s.column_name = g.column_name
GROUP BY g.file
