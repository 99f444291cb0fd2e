"""Pandera models for staged tables. The observation model is the gate between ingestion and the warehouse."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import reference as ref
from schemas.checks import in_codes, matches, rule

AGE_PATTERN = r"_T|Y\d+T\d+|Y_GE\d+|Y_LT\d+"
BREAKDOWN_PATTERN = r"_T|[A-Z0-9_]+"


def _catalogue(series: pd.Series, column: str) -> pd.Series:
    return series.map(ref.series_catalogue()[column])


class Observation(pa.DataFrameModel):
    """One staged observation (canonical, long, SDMX-aligned). Key: ref_area..breakdown."""

    ref_area: Series[str]
    time_period: Series[int] = pa.Field(ge=1960, le=2100)
    series: Series[str]
    sex: Series[str]
    age: Series[str]
    urbanisation: Series[str]
    breakdown: Series[str]
    unit_measure: Series[str]
    unit_mult: Series[int]
    obs_value: Series[float] = pa.Field(nullable=False)
    nature: Series[str]
    source: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)
    file: Series[str]
    line: Series[int] = pa.Field(ge=0)

    @pa.check("ref_area", **rule("unknown_economy"))
    def _economy(cls, s):
        return in_codes(s, ref.economy_codes())

    @pa.check("series", **rule("unknown_series"))
    def _series(cls, s):
        return in_codes(s, ref.series_catalogue().index)

    @pa.check("sex", **rule("unknown_code"))
    def _sex(cls, s):
        return in_codes(s, ref.codes("SEX"))

    @pa.check("urbanisation", **rule("unknown_code"))
    def _urbanisation(cls, s):
        return in_codes(s, ref.codes("URBANISATION"))

    @pa.check("age", **rule("unknown_code"))
    def _age(cls, s):
        return matches(s, AGE_PATTERN)

    @pa.check("breakdown", **rule("unknown_code"))
    def _breakdown(cls, s):
        return matches(s, BREAKDOWN_PATTERN)

    @pa.check("nature", **rule("unknown_code"))
    def _nature(cls, s):
        return in_codes(s, ref.codes("NATURE"))

    @pa.dataframe_check(**rule("unit_mismatch"))
    def _unit(cls, df):
        expected = _catalogue(df["series"], "unit_measure")
        return (expected.isna() | (df["unit_measure"] == expected)).astype(bool)

    @pa.dataframe_check(**rule("negative_value"))
    def _not_negative(cls, df):
        return (~((_catalogue(df["series"], "min_value") == 0) & (df["obs_value"] < 0))).astype(bool)

    @pa.dataframe_check(**rule("percent_out_of_range"))
    def _percent(cls, df):
        maximum = _catalogue(df["series"], "max_value")
        is_percent = _catalogue(df["series"], "unit_measure") == "PERCENT"
        return (~(is_percent & maximum.notna() & (df["obs_value"] > maximum))).astype(bool)

    @pa.dataframe_check(**rule("above_maximum"))
    def _maximum(cls, df):
        maximum = _catalogue(df["series"], "max_value")
        is_percent = _catalogue(df["series"], "unit_measure") == "PERCENT"
        return (is_percent | maximum.isna() | (df["obs_value"] <= maximum)).astype(bool)

    class Config:
        strict = False
        metadata = {"layer": "staged", "table": "observations",
                    "key": ["ref_area", "time_period", "series", "sex", "age", "urbanisation", "breakdown"]}


OBSERVATION_RULE_COLUMNS = {"unit_mismatch": "unit_measure", "negative_value": "obs_value",
                            "percent_out_of_range": "obs_value", "above_maximum": "obs_value"}
