-- Basket prices as reported (ITU DataHub, ITU price-basket workbook): one row per economy, year and basket, with the
-- USD, PPP$ and % GNI values side by side; provenance from the USD value where there is one.
SELECT ref_area, time_period::BIGINT AS time_period, breakdown AS basket,
       max(obs_value) FILTER (WHERE series = 'BASKET_PRICE_USD') AS price_usd,
       max(obs_value) FILTER (WHERE series = 'BASKET_PRICE_PPP') AS price_ppp,
       max(obs_value) FILTER (WHERE series = 'BASKET_PRICE_PCT_GNI') AS pct_gni,
       arg_min(nature, series <> 'BASKET_PRICE_USD') AS nature,
       string_agg(DISTINCT source, '; ' ORDER BY source) AS source,
       string_agg(DISTINCT note, '; ' ORDER BY note) AS note,
       arg_min(file, series <> 'BASKET_PRICE_USD') AS file,
       arg_min(line, series <> 'BASKET_PRICE_USD')::BIGINT AS line
FROM observations
WHERE series IN ('BASKET_PRICE_USD', 'BASKET_PRICE_PPP', 'BASKET_PRICE_PCT_GNI')
GROUP BY ref_area, time_period, breakdown
ORDER BY ref_area, time_period, basket
