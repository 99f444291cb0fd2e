"""Pandera models for staged tables. The observation model is the gate between ingestion and the warehouse."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from schemas import reference as ref
from schemas.checks import in_codes, matches, rule
from schemas.codelists import AGE_PATTERN, BREAKDOWN_PATTERN
from schemas.fields import FIELDS, OBSERVATION_COLUMNS, OBSERVATION_KEY
from schemas.models import model


def _catalogue(series: pd.Series, column: str) -> pd.Series:
    return series.map(ref.series_catalogue()[column])


class ObservationRules(pa.DataFrameModel):
    """The staged observation's rules, each named for the quarantine (its columns come from the vocabulary)."""

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


# One staged observation (canonical, long, SDMX-aligned), keyed ref_area..breakdown: the vocabulary's columns with
# the rules above. Codes are checked by those rules, not by the vocabulary's isin, so a bad code is quarantined under
# its rule's name.
_STAGED = {"time_period": {"checks": {"ge": 1960, "le": 2100}}, "line": {"checks": {"ge": 0}}}
Observation = model(
    "Observation",
    [FIELDS[c].but(codelist=None, **_STAGED.get(c, {})) for c in OBSERVATION_COLUMNS if c != "source_code"],
    {"layer": "staged", "table": "observations", "key": OBSERVATION_KEY},
    module=__name__, base=ObservationRules, strict=False, coerce=False)

OBSERVATION_RULE_COLUMNS = {"unit_mismatch": "unit_measure", "negative_value": "obs_value",
                            "percent_out_of_range": "obs_value", "above_maximum": "obs_value"}
