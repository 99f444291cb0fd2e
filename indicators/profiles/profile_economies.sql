-- Identity and groups of every economy, as the profile's first columns.
SELECT iso3 AS ref_area, m49 AS ref_area_m49, name, itu_region, m49_region, wb_income_group, ldc, lldc, sids
FROM economies
ORDER BY iso3
