-- Totals of the series one IDI edition reads (its indicators, the counts and components it may derive them
-- from, and population), for the years imputation may carry a value forward from, with each economy's
-- World Bank income group (the donor pool of the group-median imputation).
SELECT o.ref_area, o.time_period, o.series, o.obs_value * power(10, o.unit_mult) AS value, o.nature, o.source,
       e.wb_income_group
FROM observations AS o
JOIN economies AS e ON e.iso3 = o.ref_area
WHERE list_contains($series, o.series)
  AND o.sex = '_T' AND o.age = '_T' AND o.urbanisation = '_T' AND o.breakdown = '_T'
  AND o.time_period BETWEEN $first_year AND $last_year
ORDER BY o.ref_area, o.series, o.time_period
