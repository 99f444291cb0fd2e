-- The respondents of a set of microdata Parquet files, with the file and 1-based row each came from.
CREATE OR REPLACE TEMP MACRO microdata(files) AS TABLE
SELECT *, filename AS file, file_row_number + 1 AS line
FROM read_parquet(files, filename = true, file_row_number = true, union_by_name = true);

