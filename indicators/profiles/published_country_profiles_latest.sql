-- The published latest view of the country profiles, in key order.
SELECT * FROM country_profiles_latest ORDER BY ref_area
