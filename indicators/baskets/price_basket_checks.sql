-- Reported basket prices whose % of GNI, recomputed from their USD price and the staged World Bank GNI of the same
-- year, differs from the reported % by more than 10% (gni_check = 'differs'): warnings to review, not corrections.
SELECT ref_area, time_period, basket, price_usd, pct_gni, pct_gni_recomputed,
       abs(pct_gni_recomputed - pct_gni) / pct_gni AS relative_gap, source, file, line
FROM price_baskets
WHERE method = 'reported' AND gni_check = 'differs'
ORDER BY ref_area, time_period, basket
