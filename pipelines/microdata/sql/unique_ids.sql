-- DuckDB only: the files of a batch in which no `id` repeats in `relation`, shown without one group per id: one bit
-- per id over the file's range of ids (`id_ranges`, from the footers); as many bits set as rows means no id repeats
-- (an id outside the range, or empty, is counted but sets no bit: that file is not listed). engines.py: proven.
SELECT r.file_index
FROM {{ relation }} r
JOIN id_ranges i ON i.file_index = r.file_index
GROUP BY r.file_index
HAVING bit_count(bitstring_agg(r.{{ id }} - i.low, 0, {{ param("span") }})
                 FILTER (WHERE r.{{ id }} BETWEEN i.low AND i.low + {{ param("span") }})) = count(*)
