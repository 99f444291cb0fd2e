{#- The row-level rules of the microdata schema as one predicate, true for a respondent row that breaks any of them:
    a required value missing, a weight not positive, a code outside its list, an age outside 0..max_age or not whole,
    an answer neither 0 nor 1. flagged_rows.sql counts such rows and quarantine.sql picks them out, from this one
    statement. The rules of a whole file (a blank survey, an unknown economy), of several rows (a repeated person id,
    a household whose members disagree) and the mapping problems are checked where they are found.
    `proven_answers`: answer columns shown to hold only 0, 1 or empty (engines.Proven), left out here; `whole_ages`:
    every file stores age as integers (estimator.check_columns), so no age can be fractional. `odd_rounds` are the
    files whose every row is held back: a blank survey or an unknown economy (a file is one round, rounds.sql). #}
{%- macro broken(r) -%}
{% for c in required %}{{ r }}.{{ c }} IS NULL OR {% endfor %}{{ r }}.person_weight <= 0 OR {{ r }}.household_weight <= 0
       OR {{ r }}.sex NOT IN ('F', 'M') OR {{ r }}.urbanisation NOT IN ('U', 'R')
       OR {{ r }}.age NOT BETWEEN 0 AND {{ param("max_age") }}{{ "" if whole_ages else " OR " ~ r ~ ".age <> floor(" ~ r ~ ".age)" }}
{%- for c in answers if c not in proven_answers %}
       OR {{ r }}.{{ c }} NOT IN (0, 1)
{%- endfor %}
{%- endmacro %}

{%- macro odd_rounds() -%}
SELECT file_index FROM rounds WHERE trim(survey) = '' OR ref_area NOT IN (SELECT iso3 FROM known_economies)
{%- endmacro %}
