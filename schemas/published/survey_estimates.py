"""Published contract: survey estimates with their standard error, respondents, CV and quality flag."""
from pathlib import Path

import pandera.pandas as pa
from pandera.typing import Series

from schemas.published.core import meta

SQL_ROOT = Path(__file__).resolve().parents[2] / "pipelines" / "microdata" / "sql"


class SurveyEstimatesPublished(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    ref_area: Series[str] = pa.Field(description="Economy, ISO3")
    time_period: Series[int] = pa.Field(description="Survey reference year")
    series: Series[str] = pa.Field(description="Series code (INET_USERS_PCT, MOB_OWN_PCT, ICT_SKILL_PCT, HH_...)")
    breakdown: Series[str] = pa.Field(description="ICT skill (SKILL_...) or _T")
    sex: Series[str] = pa.Field(isin=["_T", "F", "M"], description="SDMX sex code")
    age: Series[str] = pa.Field(description="SDMX age group (config.yaml age_groups) or _T")
    urbanisation: Series[str] = pa.Field(isin=["_T", "U", "R"], description="SDMX urbanisation code")
    estimate: Series[float] = pa.Field(ge=0, le=100, description="Weighted proportion, percent")
    standard_error: Series[float] = pa.Field(ge=0, description="Taylor-linearised standard error, percentage points "
                                                               "(4 significant digits, as in the observation's note)")
    respondents: Series[int] = pa.Field(ge=1, description="Respondents in the domain who answered (unweighted)")
    cv: Series[float] = pa.Field(nullable=True, ge=0, description="Coefficient of variation (SE / estimate), to "
                                                                  "0.1%; empty when the estimate is 0")
    quality: Series[str] = pa.Field(isin=["ok", "too_few_respondents", "cv_above_maximum"],
                                    description="Quality rule outcome (config.yaml quality; flagged estimates kept)")
    survey: Series[str] = pa.Field(description="The survey, as cited in the observation's source")
    question: Series[str] = pa.Field(description="Microdata question the estimate comes from (docs/microdata.md)")
    file: Series[str] = pa.Field(description="Survey estimates file in the release")
    line: Series[int] = pa.Field(description="Line in that file")

    class Config:
        strict = True
        coerce = True
        metadata = {**meta("survey_estimates", "Household-survey estimates and their quality",
                           "Every staged estimate from household-survey microdata with its standard error, "
                           "respondents, coefficient of variation and quality flag (docs/microdata.md).",
                           ["ref_area", "time_period", "series", "breakdown", "sex", "age", "urbanisation"],
                           sql="published_survey_estimates.sql"),
                    "requires": ["observations", "ingest_files"], "sql_root": str(SQL_ROOT)}
