-- Economy values of every profile item (profile_items.csv): one row per economy, year and item, with its nature.
-- Totals over urbanisation only; the item fixes series, sex, age and breakdown.
SELECT o.ref_area, o.time_period, i.item, o.obs_value AS value, o.nature
FROM observations AS o
JOIN profile_items AS i
  ON o.series = i.series AND o.sex = i.sex AND o.age = i.age AND o.breakdown = i.breakdown
WHERE o.urbanisation = '_T'
ORDER BY o.ref_area, o.time_period, i.item
