SELECT $release AS release, kind, code, first_year, last_year, title, edition, service, plan_types, data_gb, minutes,
       sms, data_only, value, status, simplified
FROM price_basket_definitions
ORDER BY kind, code, first_year
