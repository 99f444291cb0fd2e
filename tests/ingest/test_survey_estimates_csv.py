"""Survey estimates file: estimator output staged as observations (nature C, survey as source, SE in the note)."""
import pandas as pd
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts

from pipelines.core.survey_estimates_file import DECIMALS, ESTIMATE_COLUMNS, copy_estimates_csv
from pipelines.ingest import detect_format, survey_estimates_csv as adapter
from pipelines.microdata import estimator, synthetic

GOOD = {"ref_area": "KEN", "time_period": "2022", "survey": "KNBS ICT survey 2022", "series": "MOB_OWN_PCT",
        "breakdown": "_T", "sex": "F", "age": "Y15T24", "urbanisation": "R", "variable": "owns_mobile",
        "unit": "person", "estimate": "71.25", "standard_error": "1.5", "cv": "0.0210526", "respondents": "812",
        "weighted_total": "152000", "quality": "ok", "withheld": "false"}
SAMPLE = Sample(adapter.FORMAT, ESTIMATE_COLUMNS, GOOD, economy="ref_area", year="time_period", value="estimate")

test_bad_input = bad_input_test(SAMPLE)


def test_estimates_become_observations_with_their_quality(tmp_path):
    withheld = GOOD | {"sex": "M", "estimate": "", "standard_error": "", "cv": "", "respondents": "31",
                       "quality": "too_few_respondents", "withheld": "true"}
    flagged = GOOD | {"sex": "_T", "estimate": "4.0", "standard_error": "1.6", "cv": "0.4",
                      "quality": "cv_above_maximum"}
    path = SAMPLE.write(tmp_path, [GOOD, withheld, flagged])
    result = adapter.read(path, path.name)
    check_result(result)
    obs = result.observations.set_index("sex")
    assert list(obs.index) == ["F", "_T"] and (obs["nature"] == "C").all()
    female = obs.loc["F"]
    assert (female["obs_value"], female["series"], female["age"], female["urbanisation"]) == (71.25, "MOB_OWN_PCT",
                                                                                               "Y15T24", "R")
    assert female["source"] == "KNBS ICT survey 2022" and female["source_code"] == "owns_mobile"
    assert female["note"] == "Survey estimate: standard error 1.5 percentage points, 812 respondents, CV 2.1%"
    assert obs.loc["_T", "note"].endswith("CV 40.0%; flagged: cv above maximum")
    assert rule_counts(result) == {"withheld_estimate": 1}
    assert result.quarantine.iloc[0]["severity"] == "excluded" and result.quarantine.iloc[0]["line"] == 3


def test_estimator_output_round_trips(tmp_path):
    path = synthetic.write_round(tmp_path / "KEN_2022.parquet", synthetic.survey_round("KEN", 2022, 1500, seed=4))
    config = dict(estimator.load_config()) | {"quality": {"min_respondents": 50, "max_cv": 0.3, "action": "suppress"}}
    result = estimator.run([path], config=config)
    estimates = result.estimates
    csv_path = tmp_path / "estimates.csv"
    copy_estimates_csv(result.con, "result_estimates", csv_path)      # as the command writes it
    assert detect_format(csv_path) == adapter.FORMAT
    result = adapter.read(csv_path, "estimates.csv")
    check_result(result)
    kept = estimates[~estimates["withheld"]]
    assert len(result.observations) == len(kept) and len(result.quarantine) == int(estimates["withheld"].sum()) > 0
    key = ["series", "breakdown", "sex", "age", "urbanisation"]
    merged = result.observations.merge(kept, on=key)
    assert len(merged) == len(kept)
    # the file keeps DECIMALS["estimate"] decimals: a value moves by at most half the last one
    assert (merged["obs_value"] - merged["estimate"]).abs().max() <= 0.5 * 10.0 ** -DECIMALS["estimate"] + 1e-13
    assert pd.Series([f"standard error {se:.4g} percentage points" in n
                      for se, n in zip(merged["standard_error"], merged["note"])]).all()
