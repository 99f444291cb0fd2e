-- Every PPP factor series compared with ITU's published PPP$ ($factors), per economy and year, with the exchange rate.
SELECT p.series AS factor, p.ref_area, p.time_period::BIGINT AS time_period, p.obs_value AS lcu_per_ppp_usd,
       fx.lcu_per_usd
FROM observations p
JOIN exchange_rate fx USING (ref_area, time_period)
WHERE list_contains($factors, p.series)
ORDER BY factor, ref_area, time_period
