-- Every (plan, basket) pair the basket engine weighs (indicators/baskets/engine.py says the rules), priced for 30 days:
-- a plan of the basket's service and plan type (or of a fallback plan type) in the basket's years, with no voice or SMS
-- for a data-only basket. `price` is infinite where a shortfall has no way to be bought. `seq` is the pairs' order:
-- plans in their table's order (`plan_row`), then the basket entries' (`entry_order`, fewer than $entries); every tie
-- among plans falls back to it. Collection rules: the first one a plan fails is named in `failed_rule` ('speed',
-- 'technology', 'wifi', 'commitment'), its sentence written by the engine; a plan that does not state the attribute
-- passes. Reads `basket_entries` (engine._entries) and the plans in `basket_plans` (tariff_plans with its row order).
-- Only what the choice and its sentences read is kept: titles, currencies and provenance are joined where they are
-- shown.
WITH rated AS (
    SELECT plan_row, ref_area, time_period, operator, market_share, plan, plan_type, service, monthly_fee,
           validity_days, data_gb, minutes, sms, price_per_extra_mb, price_per_extra_min, price_per_sms,
           price_per_min_on_net, price_per_min_off_net, price_per_min_fixed, speed_mbps, technology, wifi_hotspot_only,
           commitment_months, one_time_fee, promotional, taxes_included,
           NOT coalesce(promotional, false) AND (coalesce(taxes_included, false) OR NOT $taxes_included_only)
               AS sold,             -- non-promotional, taxes included as the rules ask: eligible but for the rules
           CASE WHEN $whole_purchases THEN ceil(round_even($month_days / validity_days::DOUBLE * 1e9, 0) / 1e9)
                ELSE $month_days / validity_days::DOUBLE END AS periods
    FROM basket_plans
), pairs AS (
    SELECT p.* EXCLUDE (service), e.entry_order, e.basket, e.fallback, e.need_data, e.need_minutes, e.need_sms,
           e.speed_rule, e.technology_rule, e.wifi_rule, e.commitment_rule,
           p.plan_row * $entries + e.entry_order AS seq
    FROM rated p
    JOIN basket_entries e ON e.service = p.service AND e.plan_type = p.plan_type
     AND p.time_period BETWEEN e.first_year AND e.last_year
     AND (NOT e.data_only OR (p.minutes = 0 AND p.sms = 0))
), nearest AS (         -- per economy, year, basket and operator: the stated commitment nearest to the rules' months
    SELECT ref_area, time_period, basket, operator,
           arg_min(commitment_months, (abs(commitment_months - $commitment_months), commitment_months)) AS nearest
    FROM pairs
    WHERE commitment_rule AND commitment_months IS NOT NULL AND sold
    GROUP BY ALL
), ruled AS (
    SELECT p.*, n.nearest,
           CASE WHEN p.speed_rule AND p.speed_mbps * 1000 < $speed_floor_kbps THEN 'speed'
                WHEN p.technology_rule AND list_position($technologies, p.technology) < $technology_floor
                    THEN 'technology'
                WHEN p.wifi_rule AND $exclude_wifi AND coalesce(p.wifi_hotspot_only, false) THEN 'wifi'
                WHEN p.commitment_rule AND abs(p.commitment_months - $commitment_months)
                     > abs(n.nearest - $commitment_months) + $tie THEN 'commitment' END AS failed_rule
    FROM pairs p
    LEFT JOIN nearest n ON n.ref_area IS NOT DISTINCT FROM p.ref_area
     AND n.time_period IS NOT DISTINCT FROM p.time_period AND n.basket = p.basket
     AND n.operator IS NOT DISTINCT FROM p.operator
), eligible AS (
    SELECT *, sold AND failed_rule IS NULL AS eligible
    FROM ruled
), served AS (          -- the economies, years and baskets with an eligible plan of the basket's own types
    SELECT DISTINCT ref_area, time_period, basket
    FROM eligible
    WHERE NOT fallback AND eligible
), weighed AS (         -- a fallback plan type is weighed only where the basket has no eligible plan of its own types
    SELECT e.*
    FROM eligible e
    WHERE NOT e.fallback OR ($postpaid_fallback AND NOT EXISTS (
        SELECT 1 FROM served s WHERE s.ref_area IS NOT DISTINCT FROM e.ref_area
                                 AND s.time_period IS NOT DISTINCT FROM e.time_period AND s.basket = e.basket))
), short AS (
    SELECT *, monthly_fee * periods AS base_price,
           CASE WHEN $one_time_added THEN coalesce(one_time_fee, 0) ELSE 0.0 END AS cost_one_time,
           CASE WHEN need_data - coalesce(data_gb, 'inf') * periods IS NOT NULL
                THEN greatest(need_data - coalesce(data_gb, 'inf') * periods, 0) END AS short_data,
           CASE WHEN need_minutes - coalesce(minutes, 'inf') * periods IS NOT NULL
                THEN greatest(need_minutes - coalesce(minutes, 'inf') * periods, 0) END AS short_minutes,
           CASE WHEN need_sms - coalesce(sms, 'inf') * periods IS NOT NULL
                THEN greatest(need_sms - coalesce(sms, 'inf') * periods, 0) END AS short_sms,
           coalesce(price_per_extra_min, CASE WHEN $has_mix THEN   -- by the call mix, summed in the mix's order
               ((0 + price_per_destination[1] * $mix_weights[1])
                + CASE WHEN len($mix_destinations) >= 2 THEN price_per_destination[2] * $mix_weights[2] ELSE 0.0 END
                + CASE WHEN len($mix_destinations) >= 3 THEN price_per_destination[3] * $mix_weights[3] ELSE 0.0 END)
               / $mix_total END) AS minute_price
    FROM (SELECT *, [CASE d WHEN 'on_net' THEN price_per_min_on_net WHEN 'off_net' THEN price_per_min_off_net
                            WHEN 'fixed' THEN price_per_min_fixed END FOR d IN $mix_destinations]
                        AS price_per_destination
          FROM weighed)
), costed AS (
    SELECT *,
           CASE WHEN short_data > 0 THEN coalesce(short_data * $mb_per_gb * price_per_extra_mb, 'inf')
                ELSE 0.0 END AS cost_units_data,
           CASE WHEN short_minutes > 0 THEN coalesce(short_minutes * 1 * minute_price, 'inf') ELSE 0.0 END
               AS cost_minutes,
           CASE WHEN short_sms > 0 THEN coalesce(short_sms * 1 * price_per_sms, 'inf') ELSE 0.0 END AS cost_sms
    FROM short
), addon_offers AS (    -- n of one add-on bundle of the same operator and year, for the data a plan lacks
    SELECT c.seq, a.plan AS addon, a.plan_row,
           TRY_CAST(ceil(round_even(c.short_data / (a.data_gb * a.periods) * 1e9, 0) / 1e9) AS BIGINT) AS addon_count,
           a.monthly_fee * a.periods AS addon_price, addon_count * a.monthly_fee * a.periods AS cost
    FROM costed c
    JOIN rated a ON a.ref_area IS NOT DISTINCT FROM c.ref_area AND a.time_period IS NOT DISTINCT FROM c.time_period
     AND a.operator IS NOT DISTINCT FROM c.operator
    WHERE c.short_data > 0 AND a.plan_type = 'addon' AND a.data_gb > 0 AND a.sold
), best_addon AS (      -- the cheapest (tie: the add-on's name, then its place in the table); an add-on so small
    SELECT * FROM addon_offers    -- that its count passes a 64-bit integer is no offer
    WHERE addon_count IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY seq ORDER BY cost, addon, plan_row) = 1
)
SELECT c.seq, c.plan_row, c.entry_order, c.ref_area, c.time_period, c.basket, c.operator, c.market_share, c.plan,
       c.plan_type, c.fallback, c.eligible, c.failed_rule, c.nearest, c.promotional, c.taxes_included, c.speed_mbps,
       c.technology, c.commitment_months, c.validity_days, c.periods, c.monthly_fee, c.base_price, c.short_data,
       c.short_minutes, c.short_sms, c.price_per_extra_mb, c.price_per_extra_min, c.price_per_sms, c.one_time_fee,
       CASE WHEN b.cost < c.cost_units_data THEN b.addon END AS addon,
       CASE WHEN b.cost < c.cost_units_data THEN b.addon_count ELSE 0 END AS addon_count,
       CASE WHEN b.cost < c.cost_units_data THEN b.addon_price END AS addon_price,
       CASE WHEN b.cost < c.cost_units_data THEN b.cost ELSE c.cost_units_data END AS cost_data,
       c.cost_minutes, c.cost_sms,
       c.base_price + (CASE WHEN b.cost < c.cost_units_data THEN b.cost ELSE c.cost_units_data END) + c.cost_minutes
           + c.cost_sms + c.cost_one_time AS price
FROM costed c
LEFT JOIN best_addon b USING (seq)
