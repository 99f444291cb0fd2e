-- IDI value and rank per economy and year; where several editions give one year, the latest edition wins.
SELECT ref_area, time_period, idi, rank, NULL::VARCHAR AS nature
FROM idi
QUALIFY row_number() OVER (PARTITION BY ref_area, time_period ORDER BY edition DESC) = 1
ORDER BY ref_area, time_period
