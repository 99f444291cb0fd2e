-- The text and SDG links of every series (pipelines/reference/series.csv as staged), for the catalogue.
SELECT series, title, description, unit_measure, sdg_indicator, sdg_series FROM series_catalogue ORDER BY series
