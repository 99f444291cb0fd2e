-- DuckDB only: the files of a batch in which no `id` repeats in `relation`, shown without one group per id: one bit
-- per id over the file's range of ids (`lows`: each file's lowest id by its position, from the footers; `span`: the
-- widest range); as many bits set as rows means no id repeats (an id outside the range, empty, or in a file without a
-- range is counted but sets no bit: that file is not listed). engines.py: proven.
SELECT file_index
FROM (SELECT file_index, {{ id }} - {{ param("lows") }}[CAST(file_index AS BIGINT) + 1] AS bit FROM {{ relation }}) r
GROUP BY file_index
HAVING bit_count(bitstring_agg(bit, 0, {{ param("span") }}) FILTER (WHERE bit BETWEEN 0 AND {{ param("span") }}))
       = count(*)
