"""Respondent-level household-survey microdata: the input contract documented in docs/microdata.md.

One row per respondent. The estimator applies the same rules in DuckDB SQL (pipelines/microdata/sql/quarantine.sql)
so files of tens of millions of rows never pass through pandas; this model is the readable statement of the
contract, validates small frames, and tests check that both reject exactly the same rows for the same rules.
"""
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import reference as ref
from schemas.checks import in_codes, not_blank, rule
from schemas.microdata_columns import (ANSWER_CODES, HOUSEHOLD_FIELDS, HOUSEHOLD_QUESTIONS, MAX_AGE,
                                        PERSON_QUESTIONS, REQUIRED, SEX_CODES, SURVEY_KEY, URBANISATION_CODES)


def _answers(s: pd.Series) -> pd.Series:
    return (s.isna() | s.isin(ANSWER_CODES)).astype(bool)


def _present(s: pd.Series) -> pd.Series:
    return not_blank(s.astype("string"))


class Respondent(pa.DataFrameModel):
    """One respondent of one survey round. `line` is the 1-based row in the file (added by the reader)."""

    ref_area: Series[str] = pa.Field(nullable=True, description="Economy, ISO 3166-1 alpha-3")
    time_period: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Survey reference year")
    survey: Series[str] = pa.Field(nullable=True, description="Survey name and round, cited as the source")
    person_id: Series[str] = pa.Field(nullable=True, description="Respondent id, unique in the survey")
    household_id: Series[str] = pa.Field(nullable=True, description="Household id")
    person_weight: Series[float] = pa.Field(nullable=True, description="Person weight (> 0)")
    household_weight: Series[float] = pa.Field(nullable=True, description="Household weight (> 0)")
    stratum: Series[str] = pa.Field(nullable=True, description="Design stratum")
    psu: Series[str] = pa.Field(nullable=True, description="Primary sampling unit (unique in its stratum)")
    sex: Series[str] = pa.Field(nullable=True, description="F or M")
    age: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Age in completed years")
    urbanisation: Series[str] = pa.Field(nullable=True, description="U urban or R rural")
    line: Series[int]

    @pa.dataframe_check(**rule("missing_value"))
    def _required(cls, df):
        return pd.concat([_present(df[c]) for c in REQUIRED], axis=1).all(axis=1)

    @pa.check("ref_area", **rule("unknown_economy"))
    def _economy(cls, s):
        return s.isna() | in_codes(s, ref.economy_codes())

    @pa.check("person_weight", **rule("non_positive_weight"))
    def _person_weight(cls, s):
        return (s.isna() | (s > 0)).astype(bool)

    @pa.check("household_weight", **rule("non_positive_weight"))
    def _household_weight(cls, s):
        return (s.isna() | (s > 0)).astype(bool)

    @pa.check("sex", **rule("unknown_code"))
    def _sex(cls, s):
        return s.isna() | in_codes(s, SEX_CODES)

    @pa.check("urbanisation", **rule("unknown_code"))
    def _urbanisation(cls, s):
        return s.isna() | in_codes(s, URBANISATION_CODES)

    @pa.check("age", **rule("age_out_of_range"))
    def _age(cls, s):
        return (s.isna() | (s.between(0, MAX_AGE) & (s == s.round()))).fillna(True).astype(bool)

    @pa.dataframe_check(**rule("unknown_answer"))
    def _answer(cls, df):
        return pd.concat([_answers(df[c]) for c in PERSON_QUESTIONS + HOUSEHOLD_QUESTIONS], axis=1).all(axis=1)

    @pa.dataframe_check(**rule("duplicate_person"))
    def _unique_person(cls, df):
        return ~df.duplicated([*SURVEY_KEY, "person_id"], keep=False)

    @pa.dataframe_check(**rule("inconsistent_household"))
    def _consistent_household(cls, df):
        """Members agree on every household field; an empty value counts as a value of its own."""
        key = [*SURVEY_KEY, "household_id"]
        fields = df[key + HOUSEHOLD_FIELDS].astype("string").fillna("<empty>")
        return (fields.groupby(key, dropna=False)[HOUSEHOLD_FIELDS].transform("nunique") <= 1).all(axis=1)

    class Config:
        strict = False
        coerce = True
        metadata = {"layer": "raw", "format": "household_microdata"}
