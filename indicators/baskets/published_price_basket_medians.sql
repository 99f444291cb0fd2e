SELECT $release AS release, group_code, group_name, time_period, basket, method, economies, economies_total,
       coverage_pct, median_pct_gni, median_price_usd, median_price_ppp, economies_meeting_target,
       share_meeting_target, economies_with_gni_fallback, membership_vintage
FROM price_basket_medians
ORDER BY group_code, time_period, basket, method
