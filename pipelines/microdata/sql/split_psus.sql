-- How many PSUs of a batch lie in more than one urbanisation, by their cells (cells.sql; an empty urbanisation counts
-- as one of its own). None is the usual design (a PSU is an urban or a rural area), and then strata.sql takes each
-- margin over urbanisation from the margin within it instead of grouping the cells again.
SELECT count(*) AS split_psus
FROM (SELECT file_index, stratum, psu
      FROM cells
      GROUP BY file_index, stratum, psu
      HAVING min(urbanisation) <> max(urbanisation) OR count(urbanisation) <> count(*)) split
