-- Reference data as staged tables (views over the staged observations), for indicator SQL to join.
CREATE OR REPLACE VIEW population AS
    SELECT ref_area, time_period, obs_value AS population, nature, source FROM observations
    WHERE series = 'POP_TOTAL' AND sex = '_T' AND age = '_T' AND urbanisation = '_T';
CREATE OR REPLACE VIEW gni_per_capita AS
    SELECT ref_area, time_period, obs_value AS gni_pc_atlas_usd, nature, source FROM observations
    WHERE series = 'GNI_PC_ATLAS_USD';
CREATE OR REPLACE VIEW ppp_factor AS
    SELECT ref_area, time_period, obs_value AS lcu_per_ppp_usd, nature, source FROM observations
    WHERE series = 'PPP_FACTOR';
CREATE OR REPLACE VIEW exchange_rate AS
    SELECT ref_area, time_period, obs_value AS lcu_per_usd, nature, source FROM observations
    WHERE series = 'FX_RATE';
-- Per-100-inhabitant rates derived from reported counts (X -> X_P100 for every count series with a per-100 twin in
-- the catalogue): count x 10^unit_mult / population x 100. Indicator SQL uses it where a rate is not reported and to
-- check a reported rate against its count.
CREATE OR REPLACE VIEW rates_from_counts AS
    SELECT c.series || '_P100' AS series, c.ref_area, c.time_period, c.sex, c.age, c.urbanisation, c.breakdown,
           c.obs_value * power(10, c.unit_mult) / p.population * 100 AS obs_value,
           c.obs_value * power(10, c.unit_mult) AS count, p.population, c.nature,
           c.source || '; population: ' || p.source AS source, c.file || ':' || c.line AS provenance
    FROM observations c
    JOIN series_catalogue twin ON twin.series = c.series || '_P100' AND twin.unit_measure = 'PER_100_POP'
    JOIN population p ON p.ref_area = c.ref_area AND p.time_period = c.time_period
    WHERE p.population > 0;
