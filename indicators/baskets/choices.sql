-- The plan chosen for each economy, year and basket (indicators/baskets/engine.py): among the eligible candidates that
-- cover the basket (basket_candidates, finite price), those of the operator with the largest market share (tie: the
-- operator first by name), and of its plans the cheapest (tie: prepaid first, then the plan's name, then `seq`). With
-- its title and provenance, and what the notes say: the other plans of that operator at the same price (`tied`), how
-- many operators share the largest market share, and the largest market share of any candidate (a larger one had no
-- covering plan).
WITH leaders AS (
    SELECT *
    FROM basket_candidates
    WHERE eligible AND isfinite(price)
    QUALIFY market_share = max(market_share) OVER (PARTITION BY ref_area, time_period, basket)
), operators AS (
    SELECT ref_area, time_period, basket, count(DISTINCT operator) AS operators, min(operator) AS first_operator
    FROM leaders
    GROUP BY ALL
), of_leader AS (
    SELECT l.*
    FROM leaders l
    JOIN operators o USING (ref_area, time_period, basket)
    WHERE l.operator = o.first_operator
), chosen AS (
    SELECT *
    FROM of_leader
    QUALIFY row_number() OVER (PARTITION BY ref_area, time_period, basket
                               ORDER BY price, plan_type IS DISTINCT FROM 'prepaid', plan, seq) = 1
), tied AS (
    SELECT o.ref_area, o.time_period, o.basket, string_agg(o.plan, ', ' ORDER BY o.plan) AS tied
    FROM of_leader o
    JOIN chosen c USING (ref_area, time_period, basket)
    WHERE o.plan <> c.plan AND abs(o.price - c.price) <= $tie
    GROUP BY ALL
), largest AS (
    SELECT ref_area, time_period, basket, max(market_share) AS largest
    FROM basket_candidates
    GROUP BY ALL
)
SELECT c.*, e.basket_title, e.basket_status, e.experimental, p.currency, p.source, p.file, p.line, o.operators,
       t.tied, l.largest
FROM chosen c
JOIN (SELECT entry_order, basket_title, basket_status, experimental FROM basket_entries) e USING (entry_order)
JOIN (SELECT plan_row, currency, source, file, line FROM basket_plans) p USING (plan_row)
JOIN operators o USING (ref_area, time_period, basket)
JOIN largest l USING (ref_area, time_period, basket)
LEFT JOIN tied t USING (ref_area, time_period, basket)
ORDER BY ref_area, time_period, basket
