-- The per-stratum sums of `strata` (strata.sql), one row per stratum, domain and question.
{%- for q in questions %}
SELECT file_index, stratum, sex, age, urbanisation, n_psu, '{{ q }}' AS variable, {{ q }}_sw AS sw,
       {{ q }}_swy AS swy, {{ q }}_n AS n, {{ q }}_sw2 AS sw2, {{ q }}_swy2 AS swy2, {{ q }}_sw_swy AS sw_swy
FROM strata{{ " UNION ALL" if not loop.last }}
{%- endfor %}
