-- The revisions of this release against its predecessor, as computed by the revisions asset, in key order.
SELECT * FROM revisions
ORDER BY change, series, sex, age, urbanisation, breakdown, ref_area NULLS FIRST, time_period NULLS FIRST
