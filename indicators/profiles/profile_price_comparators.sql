-- Region and world comparators of the basket items: the medians price_basket_medians publishes (METHODOLOGY 4.1:
-- affordability aggregates are medians) of the reported prices of the item's basket (profile_items.basket, ITU's
-- basket code).
SELECT m.group_code, m.time_period, i.item,
       CASE i.series WHEN 'BASKET_PRICE_USD' THEN m.median_price_usd
                     WHEN 'BASKET_PRICE_PPP' THEN m.median_price_ppp
                     ELSE m.median_pct_gni END AS value
FROM price_basket_medians AS m
JOIN profile_items AS i ON i.basket = m.basket AND i.aggregate = 'median'
JOIN groups AS g ON g.code = m.group_code
WHERE m.method = 'reported' AND g.kind IN ('itu_region', 'world')
ORDER BY group_code, time_period, item
