-- How many respondent rows of a batch break a row rule or are in an odd round (row_rules.sql): a pass that reads the
-- rows without grouping them. None (with no repeated person id, no inconsistent household and no mapping problem)
-- means no row is held back, and the pass that picks bad rows out and words them (quarantine.sql) is left out.
{%- import "row_rules.sql" as rules with context %}
SELECT count(*) AS flagged
FROM {{ respondents }} r
WHERE {{ rules.broken("r") }}
   OR r.file_index IN ({{ rules.odd_rounds() }})
