-- The ITU custodian SDG indicators in one long table: economies as computed (every spec with an `sdg:` block,
-- $sdg_tables), plus every aggregate of the one aggregation engine (sdg_aggregates, with its coverage). Unit, nature
-- and provenance travel with every value.
WITH economy_rows AS (SELECT * FROM query_table($sdg_tables, true))
SELECT r.indicator, r.series, r.ref_area, e.m49 AS ref_area_m49, 'economy' AS area_type, r.time_period, r.sex,
       r.age, r.urbanisation, r.composite_breakdown, r.obs_value, r.unit_measure, r.nature, r.source, r.comment,
       r.definition, r.series_break, CAST(NULL AS DOUBLE) AS coverage_pct, CAST(NULL AS INTEGER) AS economies_reported,
       CAST(NULL AS INTEGER) AS economies_imputed, r.provenance
FROM economy_rows r JOIN economies e ON e.iso3 = r.ref_area
UNION ALL
SELECT a.indicator, a.series, a.ref_area, a.ref_area_m49, 'aggregate', a.time_period, a.sex, '_T', '_T', '_T',
       a.obs_value, a.unit_measure, a.nature,
       'ITU custodian method applied by this project to the release''s economy values (membership '
           || a.membership_vintage || '; population ' || a.population_source || ')', a.comment,
       'population_weighted_aggregate', false, a.coverage_pct, a.economies_reported, a.economies_imputed,
       'sdg_aggregates; filled inputs in sdg_imputed_inputs'
FROM sdg_aggregates a
ORDER BY indicator, series, area_type DESC, ref_area, time_period, sex, age, urbanisation, composite_breakdown
