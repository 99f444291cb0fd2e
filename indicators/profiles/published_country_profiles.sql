-- The published country_profiles table: the warehouse table as built, in key order.
SELECT * FROM country_profiles ORDER BY ref_area, time_period
