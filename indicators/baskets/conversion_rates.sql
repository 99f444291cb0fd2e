-- Conversion inputs per economy and year: exchange rate (LCU per USD), PPP factor (LCU per PPP$), GNI p.c. (Atlas USD).
SELECT coalesce(fx.ref_area, ppp.ref_area, gni.ref_area) AS ref_area,
       coalesce(fx.time_period, ppp.time_period, gni.time_period)::BIGINT AS time_period,
       fx.lcu_per_usd, ppp.lcu_per_ppp_usd, gni.gni_pc_atlas_usd
FROM exchange_rate fx
FULL OUTER JOIN ppp_factor ppp USING (ref_area, time_period)
FULL OUTER JOIN gni_per_capita gni USING (ref_area, time_period)
ORDER BY ref_area, time_period
