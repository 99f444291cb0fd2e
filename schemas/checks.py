"""Predicates for Pandera `@pa.check` methods, and the sentence a statistician reads for each rule.

Convention: a check's `name` and `error` are both its rule name (a key of RULES), so failure cases
carry the rule and the quarantine can explain it.
"""
from __future__ import annotations

import re

import pandas as pd

from schemas.values import MISSING_MARKERS, number_rule, year_values

RULES: dict[str, str] = {
    "year_not_integer": "the year is not a four-digit year",
    "thousands_separator": "the number uses a thousands separator; write it without separators (e.g. 1234567)",
    "comma_decimal": "the number uses a comma as decimal mark; use a point (e.g. 12.5)",
    "not_a_number": "the value is not a number",
    "missing_value": "the value is empty",
    "missing_code": "the code is empty",
    "unknown_economy": "the economy code is not in the project's list of economies (pipelines/reference/economies.csv)",
    "unknown_series": "the series code is not in the series catalogue (pipelines/reference/series.csv)",
    "unknown_code": "the code is not in the codelist (pipelines/reference/codelists.csv)",
    "unit_mismatch": "the unit differs from the unit the series catalogue gives for this series",
    "percent_out_of_range": "a percentage must lie between 0 and 100",
    "negative_value": "the value is negative, which is impossible for this series",
    "above_maximum": "the value is above the largest possible value for this series",
    "conflicting_duplicate": "the same observation is reported twice with different values",
    "sex_without_total": "a value by sex has no matching total (_T) row",
    "sex_unit_mismatch": "female and male values for one observation have different units",
    "sex_total_mismatch": "female plus male population differs from the total of the same vintage by more than 1%",
    "unknown_source_code": "the source's indicator code is not in pipelines/reference/source_codes.csv",
    "footnote": "a footnote or source line of the table, not data",
    "not_ingested_here": "the row is valid but read by another adapter, not this one",
    "missing_sheet": "an expected sheet of the workbook is missing or was renamed",
    "unknown_age": "the age group is not a recognised age code (blank for all ages, 15+, 15-24, Y15T24, Y_GE15...)",
    "duplicate_economy": "the economy already has a line in this file; only its first line is staged",
    "non_positive_weight": "a survey weight must be greater than zero",
    "age_out_of_range": "the age must be a whole number of years between 0 and 120",
    "unknown_answer": "an answer to an ICT question must be 1 (yes), 0 (no) or empty (not asked)",
    "duplicate_person": "the person id appears more than once in the survey; none of its rows is used",
    "inconsistent_household": "members of one household disagree on a household-level field (household weight, "
                              "stratum, PSU, urban/rural, household computer or Internet); none of its rows is used",
    "withheld_estimate": "the survey estimate was withheld by the quality rule (too few respondents or CV too large)",
    "negative_price": "a price (fee or per-unit charge) is negative",
    "invalid_validity": "the validity must be a whole number of days above 0",
    "unknown_currency": "the currency is not an active ISO 4217 code (pipelines/reference/currencies.csv)",
    "share_out_of_range": "a market share must lie between 0 and 1",
    "unknown_plan_type": "the plan type must be prepaid, postpaid or addon",
    "unknown_service": "the service must be mobile, fixed_broadband or fixed_telephone (empty: derived from speed)",
    "not_a_flag": "the flag must be true or false",
    "unknown_region": "the region is not one of ITU's regions (codelist ITU_REGION, pipelines/reference/codelists.csv)",
    "not_used": "the row is valid but describes something the project does not use; it is read and not staged",
    "unmapped_code": "the code is not mapped to the project's codes for this dataflow (pipelines/reference/"
                     "sdmx_codes.csv)",
    "unknown_dataflow": "the SDMX dataflow is not one the project reads (pipelines/reference/sdmx_dataflows.yaml)",
    "sdmx_delete": "an SDMX-CSV row with ACTION D asks to delete an observation; it is not an observation",
    "duplicate_plan": "the same operator, plan and year already has a line in this file; only the first is staged",
    "unknown_technology": "the technology must be 2G, 3G, 4G or 5G (empty: not stated)",
    "subject_not_staged": "a subject of the source the project does not use (only mapped subjects are staged)",
}


def rule(name: str) -> dict:
    """Keyword arguments for `@pa.check(..., **rule('x'))`."""
    assert name in RULES, name
    return {"name": name, "error": name}


def number_ok(s: pd.Series, rule_name: str) -> pd.Series:
    """True where the text is a plain number or a missing marker, as far as `rule_name` is concerned."""
    return pd.Series(~number_rule(s, rule_name), index=s.index)


def is_year(s: pd.Series) -> pd.Series:
    return year_values(s).notna().astype(bool)


def not_blank(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.StringDtype):
        return (s.notna() & ~s.str.strip().isin(MISSING_MARKERS)).fillna(False).astype(bool)
    return s.map(lambda v: not pd.isna(v) and str(v).strip() not in MISSING_MARKERS).astype(bool)


def in_codes(s: pd.Series, allowed) -> pd.Series:
    return s.astype("string").isin(list(allowed)).fillna(False).astype(bool)


def matches(s: pd.Series, pattern: str) -> pd.Series:
    rx = re.compile(pattern)
    return s.map(lambda v: bool(rx.fullmatch(str(v)))).astype(bool)
