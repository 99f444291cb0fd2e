"""Published contract: survey estimates with their standard error, respondents, CV and quality flag."""
from pathlib import Path

from schemas.fields import ECONOMY, FIELDS, Column
from schemas.models import model
from schemas.published.core import meta

SQL_ROOT = Path(__file__).resolve().parents[2] / "pipelines" / "microdata" / "sql"

SurveyEstimatesPublished = model(
    "SurveyEstimatesPublished",
    ["release", ECONOMY,
     FIELDS["time_period"].but(description="Survey reference year"),
     FIELDS["series"].but(remark="INET_USERS_PCT, MOB_OWN_PCT, ICT_SKILL_PCT, HH_..."),
     FIELDS["breakdown"].but(description="ICT skill (SKILL_...) or _T"), "sex",
     FIELDS["age"].but(remark="the age groups of pipelines/microdata/config.yaml"), "urbanisation",
     Column("estimate", float, "Weighted proportion, percent", checks={"ge": 0, "le": 100}),
     Column("standard_error", float, "Taylor-linearised standard error, percentage points (4 significant digits, as "
                                     "in the observation's note)", checks={"ge": 0}),
     Column("respondents", int, "Respondents in the domain who answered (unweighted)", checks={"ge": 1}),
     Column("cv", float, "Coefficient of variation (SE / estimate), to 0.1%; empty when the estimate is 0",
            nullable=True, checks={"ge": 0}),
     Column("quality", str, "Quality rule outcome (config.yaml quality; flagged estimates kept)",
            ("ok", "too_few_respondents", "cv_above_maximum")),
     Column("survey", str, "The survey, as cited in the observation's source"),
     Column("question", str, "Microdata question the estimate comes from (docs/microdata.md)"),
     FIELDS["file"].but(description="Survey estimates file in the release"), "line"],
    {**meta("survey_estimates", "Household-survey estimates and their quality",
            "Every staged estimate from household-survey microdata with its standard error, respondents, "
            "coefficient of variation and quality flag (docs/microdata.md).",
            ["ref_area", "time_period", "series", "breakdown", "sex", "age", "urbanisation"],
            sql="published_survey_estimates.sql"),
     "requires": ["observations", "ingest_files"], "sql_root": str(SQL_ROOT)},
    module=__name__)
