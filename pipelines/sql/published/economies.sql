SELECT iso3, m49, name, m49_region, m49_subregion, itu_region, itu_region_status, itu_world, ldc, lldc, sids,
       wb_income_group, wb_income_vintage, membership_vintage
FROM economies
ORDER BY iso3
