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
