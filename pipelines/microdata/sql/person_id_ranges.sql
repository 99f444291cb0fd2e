-- The integer person ids of each file laid end to end: per file its lowest id and where its range starts among the
-- batch's ranges (unique_person_ids.sql sets one bit per id on that line). DECIMAL(38, 0): a range of 64-bit ids
-- may not fit in 64 bits.
SELECT file_index, first_id, sum(last_id - first_id + 1) OVER (ORDER BY file_index) - (last_id - first_id + 1) AS start,
       sum(last_id - first_id + 1) OVER () AS bits
FROM (SELECT file_index, CAST(min(person_id) AS DECIMAL(38, 0)) AS first_id,
             CAST(max(person_id) AS DECIMAL(38, 0)) AS last_id
      FROM {{ respondents }}
      WHERE person_id IS NOT NULL
      GROUP BY file_index) ranges
