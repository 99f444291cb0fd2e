"""The estimator against svy, the maintained successor of samplics (an independent Taylor-linearisation
implementation, validated by its authors against R survey).

Which reference checks what: samplics (test_estimator.py, archived upstream) checks every person domain of sex x age
group x urban/rural with its totals, for Internet use, mobile ownership and a skill asked only from age 15 (domains
with empty answers), and the household questions; svy checks SDG 17.8.1 (Internet use) and 5.b.1 (mobile ownership)
by sex x urban/rural, by age group and in total, and household Internet (HH6) by urban/rural, with the same
single-PSU rule (svy's "skip", R's lonely.psu "remove": a stratum with one PSU adds no variance)."""
import polars as pl
import pytest
import svy

from pipelines.microdata import estimator, synthetic

TOLERANCE = 1e-6     # percentage points


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    table = synthetic.survey_round("PER", 2022, 4000, seed=17, level=0.3)
    path = synthetic.write_round(tmp_path_factory.mktemp("svy") / "PER_2022.parquet", table)
    bands = estimator.load_config()["age_groups"]["bands"]      # the configured bands, applied here independently
    frame = pl.from_arrow(table).with_columns(
        pl.col("sex").cast(pl.Utf8), pl.col("urbanisation").cast(pl.Utf8),
        pl.col("internet_3m").cast(pl.Float64), pl.col("owns_mobile").cast(pl.Float64),
        pl.col("hh_internet").cast(pl.Float64),
        pl.col("age").map_elements(lambda age: next(code for code, (first, last) in bands.items()
                                                    if first <= age and (last is None or age <= last)),
                                   return_dtype=pl.Utf8).alias("age_group"))
    return frame, estimator.run([path]).estimates


def svy_means(frame: pl.DataFrame, question: str, weight: str, by: list[str]) -> dict[tuple, tuple[float, float]]:
    """{domain: (estimate, SE)} in percent, by svy's Taylor linearisation (PSUs with replacement within strata)."""
    design = svy.Design(stratum="stratum", psu="psu", wgt=weight, singleton="skip")
    result = svy.Sample(data=frame, design=design).estimation.mean(question, by=by or None).to_polars()
    return {tuple(row[b] for b in by): (100 * row["est"], 100 * row["se"]) for row in result.iter_rows(named=True)}


def ours(estimates, question: str, **domain) -> dict[tuple, tuple[float, float]]:
    rows = estimates[estimates["variable"] == question]
    for column in ("sex", "age", "urbanisation"):
        rows = rows[rows[column] != "_T"] if column in domain.values() else rows[rows[column] == "_T"]
    by = list(domain.values())
    return {tuple(getattr(r, c) for c in by): (r.estimate, r.standard_error) for r in rows.itertuples()}


@pytest.mark.parametrize("question", ["internet_3m", "owns_mobile"])
@pytest.mark.parametrize("by", [[], ["sex", "urbanisation"], ["age_group"]])
def test_person_estimates_match_svy(survey, question, by):
    frame, estimates = survey
    expected = svy_means(frame, question, "person_weight", by)
    got = ours(estimates, question, **{b: ("age" if b == "age_group" else b) for b in by})
    assert sorted(got) == sorted(expected) and len(got) == {0: 1, 2: 4, 1: 4}[len(by)]
    for key, (estimate, se) in expected.items():
        assert abs(got[key][0] - estimate) < TOLERANCE and abs(got[key][1] - se) < TOLERANCE, key


def test_household_internet_matches_svy_on_one_row_per_household(survey):
    frame, estimates = survey
    households = frame.unique("household_id", keep="first", maintain_order=True)
    expected = svy_means(households, "hh_internet", "household_weight", ["urbanisation"])
    got = ours(estimates, "hh_internet", urbanisation="urbanisation")
    assert sorted(got) == [("R",), ("U",)] == sorted(expected)
    for (code,), (estimate, se) in expected.items():
        assert abs(got[(code,)][0] - estimate) < TOLERANCE and abs(got[(code,)][1] - se) < TOLERANCE, code
