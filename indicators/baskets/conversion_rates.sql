-- Conversion inputs per economy and year: exchange rate (LCU per USD), the configured PPP factor series ($ppp_factor,
-- LCU per PPP$) and GNI p.c. (Atlas USD).
WITH ppp AS (
    SELECT ref_area, time_period, obs_value AS lcu_per_ppp_usd FROM observations WHERE series = $ppp_factor
)
SELECT coalesce(fx.ref_area, ppp.ref_area, gni.ref_area) AS ref_area,
       coalesce(fx.time_period, ppp.time_period, gni.time_period)::BIGINT AS time_period,
       fx.lcu_per_usd, ppp.lcu_per_ppp_usd, gni.gni_pc_atlas_usd
FROM exchange_rate fx
FULL OUTER JOIN ppp USING (ref_area, time_period)
FULL OUTER JOIN gni_per_capita gni USING (ref_area, time_period)
ORDER BY ref_area, time_period
