-- Rows of the population series by sex and their totals (sex_consistency.POPULATION_BY_SEX): the only rows the
-- female + male = total rule compares.
SELECT seq FROM staging_candidates WHERE list_contains($series, series)
