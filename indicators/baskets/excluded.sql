-- The candidates a collection rule excluded (candidates.sql), in the candidates' order, with the values their
-- sentences name (engine.py writes them).
SELECT ref_area, time_period, basket, operator, plan, failed_rule, speed_mbps, technology, commitment_months, nearest
FROM basket_candidates
WHERE failed_rule IS NOT NULL
ORDER BY seq
