"""Raw model: survey estimates file (pipelines/core/survey_estimates_file.py), one line per estimate."""
from __future__ import annotations

import pandas as pd

from schemas import reference as ref
from schemas.checks import not_blank, number_ok
from schemas.raw._columns import code, column, frame_rule, number, year

QUALITY = ("ok", "too_few_respondents", "cv_above_maximum")


def _present_unless_withheld(df: pd.DataFrame) -> pd.Series:
    return df["withheld"].eq("true") | (not_blank(df["estimate"]) & not_blank(df["standard_error"]))


def _percent(s: pd.Series) -> pd.Series:
    values = pd.to_numeric(s.where(number_ok(s, "not_a_number")), errors="coerce")
    return (values.isna() | values.between(0, 100)).astype(bool)


class SurveyEstimateRaw(column("estimate", percent_out_of_range=_percent),
                        frame_rule("missing_value", _present_unless_withheld), year("time_period"),
                        code("series", lambda: ref.series_catalogue().index, "unknown_series"),
                        code("sex", lambda: ("_T", "F", "M")), code("urbanisation", lambda: ("_T", "U", "R")),
                        number("estimate"), number("standard_error"), number("respondents"),
                        code("quality", lambda: QUALITY), code("withheld", lambda: ("true", "false")),
                        column("survey", missing_code=not_blank)):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "survey_estimates_csv"}
