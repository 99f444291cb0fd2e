"""The quality rule: too few respondents or too large a coefficient of variation flags an estimate, or withholds it."""
import numpy as np
import pytest

from pipelines.microdata import estimator, synthetic


@pytest.fixture(scope="module")
def small_round(tmp_path_factory):
    path = synthetic.write_round(tmp_path_factory.mktemp("q") / "NPL_2020.parquet",
                                 synthetic.survey_round("NPL", 2020, 700, seed=2, level=-1.5))
    return path


def with_quality(action: str, min_respondents: int = 50, max_cv: float = 0.30) -> dict:
    config = dict(estimator.load_config())
    config["quality"] = {"min_respondents": min_respondents, "max_cv": max_cv, "action": action}
    return config


def test_flags_follow_counts_and_cv(small_round):
    est = estimator.run([small_round], config=with_quality("flag")).estimates
    cv = est["standard_error"] / est["estimate"]
    expected = np.where(est["respondents"] < 50, "too_few_respondents",
                        np.where(cv > 0.30, "cv_above_maximum", "ok"))
    assert (est["quality"] == expected).all()
    assert {"too_few_respondents", "cv_above_maximum", "ok"} <= set(est["quality"])
    assert not est["withheld"].any() and est["estimate"].notna().all()


def test_suppress_withholds_flagged_estimates_only(small_round):
    flagged = estimator.run([small_round], config=with_quality("flag")).estimates
    suppressed = estimator.run([small_round], config=with_quality("suppress")).estimates
    assert (suppressed["withheld"] == (flagged["quality"] != "ok")).all()
    held = suppressed[suppressed["withheld"]]
    assert held[["estimate", "standard_error", "cv"]].isna().all().all()
    kept = suppressed["quality"] == "ok"
    assert np.allclose(suppressed.loc[kept, "estimate"], flagged.loc[kept, "estimate"])
    assert (suppressed["respondents"] == flagged["respondents"]).all()


def test_thresholds_come_from_configuration(small_round):
    strict = estimator.run([small_round], config=with_quality("flag", min_respondents=10_000)).estimates
    assert set(strict["quality"]) == {"too_few_respondents"}
    with pytest.raises(ValueError, match="quality.action must be flag or suppress"):
        estimator.run([small_round], config=with_quality("drop"))
