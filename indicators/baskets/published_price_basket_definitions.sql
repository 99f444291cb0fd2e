SELECT $release AS release, kind, code, first_year, last_year, experimental, title, edition, service, plan_types,
       data_gb, minutes, sms, data_only, collection_rules, value, status, source, simplified
FROM price_basket_definitions
ORDER BY kind, code, first_year
