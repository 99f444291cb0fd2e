SELECT $release AS release, ref_area, time_period, basket, price_usd, pct_gni, pct_gni_recomputed, relative_gap,
       source, file, line
FROM price_basket_checks
ORDER BY ref_area, time_period, basket
