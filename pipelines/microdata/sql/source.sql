-- DuckDB only: the respondents of a set of microdata Parquet files, with the file (its index in the list and its
-- path) and the 1-based row each came from. One file holds one survey round, so file_index is the round's compact key.
-- (Spark reads the same columns in pipelines/microdata/spark_engine.py.)
CREATE OR REPLACE TEMP MACRO microdata(files) AS TABLE
SELECT *, file_index, filename AS file, file_row_number + 1 AS line
FROM read_parquet(files, filename = true, file_row_number = true, union_by_name = true);
