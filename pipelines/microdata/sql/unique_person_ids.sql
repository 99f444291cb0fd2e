-- DuckDB only (bitstring_agg): whether no file of the batch repeats a person id. Each id is one bit at its place in
-- its file's range (`id_ranges`: person_id_ranges.sql), so the bits set equal the ids read exactly when none repeats;
-- no hash table of one group per respondent, as the grouping in quarantine.sql needs.
SELECT coalesce(bit_count(bitstring_agg(CAST(r.person_id - i.first_id + i.start AS BIGINT), 0,
                                        {{ param("bits") }} - 1))
                = count(r.person_id), true) AS unique_ids      -- run only when bits <= MAX_ID_BITS
FROM {{ respondents }} r
JOIN id_ranges i ON i.file_index = r.file_index
