"""The DuckDB estimator against samplics (an independent Taylor-linearisation implementation), on generated rounds."""
import warnings

import duckdb

import numpy as np
import pandas as pd
import pytest
from samplics.estimation import TaylorEstimator
from samplics.utils.types import PopParam, SinglePSUEst

from pipelines.microdata import estimator, synthetic

TOLERANCE = 1e-6     # percentage points
pytestmark = pytest.mark.filterwarnings("ignore:samplics is archived:FutureWarning")


@pytest.fixture(scope="module", params=["one urbanisation per PSU", "urban and rural households in a PSU"])
def survey(request, tmp_path_factory):
    """A round of 3,000 respondents and its estimates: (respondent frame, estimates). Survey designs draw a PSU
    from urban or from rural areas (strata.sql then takes the totals over urbanisation from those within it,
    split_psus.sql); the second round moves every third household to the other urbanisation, so that PSUs hold both
    and are grouped again for those totals."""
    frame = synthetic.survey_round("KEN", 2022, 3000, seed=11, level=-0.5).to_pandas()
    if request.param != "one urbanisation per PSU":
        moved = frame["household_id"] % 3 == 0
        frame["urbanisation"] = frame["urbanisation"].astype(str).mask(
            moved, frame["urbanisation"].astype(str).map({"U": "R", "R": "U"}))
        assert frame.groupby("psu")["urbanisation"].nunique().eq(2).sum() > 10
    path = tmp_path_factory.mktemp("md") / "KEN_2022.parquet"
    frame.to_parquet(path)
    result = estimator.run([path])
    bands = estimator.load_config()["age_groups"]["bands"]      # the configured bands, applied here independently
    frame["age_group"] = frame["age"].map(lambda age: next(
        (code for code, (first, last) in bands.items() if first <= age and (last is None or age <= last)), None))
    return frame, result.estimates


def samplics_proportion(frame: pd.DataFrame, answer: str, weight: str, in_domain: pd.Series) -> tuple[float, float]:
    """Weighted mean of a 0/1 answer in a domain, and its Taylor SE, both in percent (samplics). Answers outside the
    domain do not enter its estimate; they are set to 1 so that samplics' other domain never has a zero mean."""
    taylor = TaylorEstimator(PopParam.mean)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # samplics warns that it is archived
        taylor.estimate(y=np.where(in_domain, frame[answer].fillna(0), 1).astype(float),
                        samp_weight=frame[weight].to_numpy(),
                        stratum=frame["stratum"].to_numpy(), psu=frame["psu"].to_numpy(),
                        domain=np.where(in_domain, "in", "out"), single_psu=SinglePSUEst.skip)
    return 100 * taylor.point_est["in"], 100 * taylor.stderror["in"]


def domain_mask(frame: pd.DataFrame, row) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, code in (("sex", row.sex), ("age_group", row.age), ("urbanisation", row.urbanisation)):
        if code != "_T":
            mask &= frame[column] == code
    return mask


@pytest.mark.parametrize("question", ["internet_3m", "owns_mobile", "skill_pcpr"])
def test_person_estimates_match_samplics(survey, question):
    frame, estimates = survey
    rows = estimates[estimates["variable"] == question]
    assert len(rows) == 3 * (5 if question != "skill_pcpr" else 4) * 3   # sex x age x location incl. totals
    for row in rows.itertuples():
        answered = domain_mask(frame, row) & frame[question].notna()
        assert row.respondents == int(answered.sum())
        if frame.loc[answered, question].isin([0]).all():   # samplics cannot take a zero proportion (CV undefined)
            assert row.estimate == 0 and row.standard_error == 0
            continue
        expected, se = samplics_proportion(frame, question, "person_weight", answered)
        assert abs(row.estimate - expected) < TOLERANCE, row
        assert abs(row.standard_error - se) < TOLERANCE, row
        assert row.cv == pytest.approx(row.standard_error / row.estimate)


@pytest.mark.parametrize("question", ["hh_computer", "hh_internet"])
def test_household_estimates_use_one_row_per_household(survey, question):
    frame, estimates = survey
    households = frame.drop_duplicates("household_id")
    rows = estimates[estimates["variable"] == question]
    assert sorted(rows["urbanisation"]) == ["R", "U", "_T"]
    assert set(rows["sex"]) == {"_T"} and set(rows["age"]) == {"_T"}
    for row in rows.itertuples():
        in_domain = domain_mask(households.drop(columns=["sex", "age_group"]).assign(sex="_T", age_group="_T"), row)
        assert row.respondents == int(in_domain.sum())
        expected, se = samplics_proportion(households, question, "household_weight", in_domain)
        assert abs(row.estimate - expected) < TOLERANCE and abs(row.standard_error - se) < TOLERANCE


def test_single_psu_stratum_adds_no_variance(tmp_path):
    """Hand-computed: two strata; stratum 2 has one PSU (certainty: no variance from it)."""
    base = synthetic.survey_round("KEN", 2022, 40, seed=1).to_pandas()
    frame = base.iloc[:6].copy()
    frame["stratum"], frame["psu"] = [1, 1, 1, 1, 2, 2], [1, 1, 2, 2, 3, 3]
    frame["person_weight"] = [1.0, 2.0, 1.0, 1.0, 3.0, 1.0]
    frame["internet_3m"] = [1, 0, 1, 1, 0, 1]
    frame["household_id"] = range(1, 7)
    frame["household_weight"] = 1.0
    frame["person_id"] = range(1, 7)
    frame.to_parquet(tmp_path / "tiny.parquet")
    row = estimator.run([tmp_path / "tiny.parquet"]).estimates.query(
        "variable == 'internet_3m' and sex == '_T' and age == '_T' and urbanisation == '_T'").iloc[0]
    # p = (1 + 1 + 1 + 1) / 9 = 4/9; z_c = sum_c w (y - p) / W: PSU1 (1*(5/9) + 2*(-4/9)) / 9 = -3/81,
    # PSU2 (2 * 5/9) / 9 = 10/81; stratum 1 variance = 2/1 * ((-3/81 - 3.5/81)^2 + (10/81 - 3.5/81)^2) = 4 * (6.5/81)^2
    assert row.estimate == pytest.approx(100 * 4 / 9, abs=1e-9)
    assert row.standard_error == pytest.approx(100 * 2 * 6.5 / 81, abs=1e-9)
    assert row.respondents == 6


def test_a_chosen_subset_of_questions_gives_the_same_estimates(tmp_path):
    path = synthetic.write_round(tmp_path / "KEN.parquet", synthetic.survey_round("KEN", 2022, 1200, seed=8))
    full = estimator.run([path]).estimates
    config = dict(estimator.load_config()) | {"estimate": ["internet_3m", "hh_internet"]}
    subset = estimator.run([path], config=config).estimates
    assert set(subset["variable"]) == {"internet_3m", "hh_internet"}
    expected = full[full["variable"].isin(["internet_3m", "hh_internet"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(subset.reset_index(drop=True), expected)
    with pytest.raises(ValueError, match="at least one person and one household question"):
        estimator.run([path], config=dict(config) | {"estimate": ["internet_3m"]})


def test_rounds_taken_a_few_at_a_time_give_exactly_the_one_query_result(tmp_path):
    """rounds_per_query only bounds memory: estimates and quarantine equal those of one query over every file."""
    paths = []
    for n, iso3 in enumerate(["GHA", "KEN", "PER", "VNM", "FJI"]):
        table = synthetic.survey_round(iso3, 2022, 600 + 100 * n, seed=20 + n).to_pandas()
        table.loc[5, "person_weight"] = -1.0                                   # one bad row per round
        paths.append(tmp_path / f"{iso3}_2022.parquet")
        table.to_parquet(paths[-1])
    config = dict(estimator.load_config()) | {"concurrent_batches": 1}
    one = estimator.run(paths, config=config | {"rounds_per_query": 0})       # 0: every file in one query
    batched = estimator.run(paths, config=config | {"rounds_per_query": 2})   # 1 + 2 + 2
    at_once = estimator.run(paths, config=config | {"rounds_per_query": 2, "concurrent_batches": 2})    # 4 batches
    for other in (batched, at_once):
        pd.testing.assert_frame_equal(other.estimates, one.estimates, check_exact=False, rtol=1e-9)   # sum order
        pd.testing.assert_frame_equal(other.quarantine, one.quarantine)
    assert len(one.quarantine) >= 5 and set(one.estimates["ref_area"]) == {"GHA", "KEN", "PER", "VNM", "FJI"}
    assert batched.respondents_read == one.respondents_read == at_once.respondents_read == sum(
        600 + 100 * n for n in range(5))


def sizes(files: int, per_query: int, workers: int) -> list[int]:
    return [len(b) for b in estimator.batches(files, per_query, workers)]


def test_batches_share_the_files_equally_between_the_workers():
    assert sizes(25, 10, 1) == [8, 8, 9]            # three batches of at most 10
    assert sizes(25, 10, 2) == [6, 6, 6, 7]         # four, two for each worker
    assert sizes(5, 0, 2) == [2, 3]                 # no limit per query: one batch per worker
    assert sizes(1, 10, 2) == [1] and sizes(0, 10, 2) == []
    assert [list(b) for b in estimator.batches(5, 2, 1)] == [[0], [1, 2], [3, 4]]


def test_batches_estimated_at_the_same_time_give_the_same_bits_in_every_run(tmp_path):
    """Each query of concurrent batches runs on one thread, so its sums add the rows in the files' order: repeated
    runs agree to the last bit. Two threads sharing a sum do not: with these sizes (the cells of a round span
    several of DuckDB's row groups) one batch at a time on two threads gave different last bits in every run
    tried."""
    paths = [synthetic.write_round(tmp_path / f"{iso3}.parquet", synthetic.survey_round(iso3, 2022, 250_000, seed=n))
             for n, iso3 in enumerate(["GHA", "KEN"])]
    config = dict(estimator.load_config()) | {"rounds_per_query": 1, "concurrent_batches": 2}
    con = duckdb.connect(config={"threads": 2})
    first, *others = [estimator.run(paths, config=config, con=con if n == 0 else None).estimates for n in range(3)]
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 2      # the caller's setting is back
    assert len(first) > 2 * 100
    for other in others:
        pd.testing.assert_frame_equal(other, first, check_exact=True)


def test_a_batch_without_a_held_back_row_gives_the_estimates_of_one_with(tmp_path):
    """cells.sql leaves out the look-up of held-back rows for a batch without any: a clean round estimated alone
    (no look-up) equals the same round estimated with a round that has a bad row (look-up)."""
    clean = synthetic.write_round(tmp_path / "GHA.parquet", synthetic.survey_round("GHA", 2022, 900, seed=31))
    dirty = synthetic.survey_round("KEN", 2022, 700, seed=32).to_pandas()
    dirty.loc[9, "person_weight"] = -1.0
    dirty.to_parquet(tmp_path / "KEN.parquet")
    config = dict(estimator.load_config())
    together = estimator.run([clean, tmp_path / "KEN.parquet"], config=config | {"rounds_per_query": 0})
    alone = estimator.run([clean], config=config)
    assert len(together.quarantine) == 1 and alone.quarantine.empty
    expected = together.estimates[together.estimates["ref_area"] == "GHA"].reset_index(drop=True)
    assert len(expected) > 100
    pd.testing.assert_frame_equal(alone.estimates, expected, check_exact=False, rtol=1e-9)
