-- The economies, years and baskets with plans of the basket's service but none chosen (engine.py: no eligible plan
-- covers the basket), with what their candidates were; the first non-empty title, status, source and file in the
-- candidates' order.
SELECT ref_area, time_period, basket,
       arg_min(basket_title, seq) FILTER (WHERE basket_title IS NOT NULL) AS basket_title,
       arg_min(basket_status, seq) FILTER (WHERE basket_status IS NOT NULL) AS basket_status,
       arg_min(experimental, seq) FILTER (WHERE experimental IS NOT NULL) AS experimental,
       arg_min(source, seq) FILTER (WHERE source IS NOT NULL) AS source,
       arg_min(file, seq) FILTER (WHERE file IS NOT NULL) AS file,
       count(*) AS n, count(*) FILTER (WHERE coalesce(promotional, false)) AS promo,
       count(*) FILTER (WHERE NOT coalesce(taxes_included, false)) AS untaxed, count(failed_rule) AS ruled,
       count(*) FILTER (WHERE NOT coalesce(isfinite(price), false)) AS short
FROM basket_candidates
JOIN (SELECT entry_order, basket_title, basket_status, experimental FROM basket_entries) USING (entry_order)
JOIN (SELECT plan_row, source, file FROM basket_plans) USING (plan_row)
ANTI JOIN basket_chosen USING (ref_area, time_period, basket)
GROUP BY ALL
ORDER BY ref_area, time_period, basket
