SELECT $release AS release, ref_area, time_period, basket, method, status, basket_title, basket_status, experimental,
       operator, market_share, plan, plan_type, validity_days, price_lcu, currency, price_usd, price_ppp, ppp_factor,
       pct_gni, meets_2pct_target, gni_year, pct_gni_recomputed, gni_check, arithmetic, excluded, nature, source,
       note, file, line
FROM price_baskets
ORDER BY ref_area, time_period, basket, method
