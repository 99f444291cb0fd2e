SELECT $release AS release, "check", factor, ref_area, time_period, basket, reported, recomputed, relative_gap,
       tolerance, agrees, comparisons, share_agreeing, source, file, line
FROM price_basket_checks
ORDER BY "check", factor, ref_area, time_period, basket
