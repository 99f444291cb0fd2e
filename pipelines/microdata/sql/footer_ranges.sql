-- DuckDB only: what the Parquet footers of a batch's files say about some integer columns, read without the data:
-- per file and column the smallest and largest value (NULL when a row group has no statistics and not only empty
-- values), and whether the column is stored as integers. The checks use it to leave out what cannot fail
-- (engines.py: DuckDBEngine.proven). `integer_types`: engines.INTEGER_TYPES.
SELECT s.file_name AS file, s.name AS column_name,
       bool_and(list_contains($integer_types, s.duckdb_type)) AS is_integer,
       bool_and(m.stats_min IS NOT NULL AND m.stats_max IS NOT NULL
                OR m.stats_null_count = m.row_group_num_rows) AS complete,
       min(TRY_CAST(m.stats_min AS HUGEINT)) AS low, max(TRY_CAST(m.stats_max AS HUGEINT)) AS high,
       sum(m.stats_null_count) AS empty
FROM parquet_schema($files) s
JOIN parquet_metadata($files) m ON m.file_name = s.file_name AND m.path_in_schema = s.name
WHERE s.name IN (SELECT unnest($columns))
GROUP BY s.file_name, s.name
