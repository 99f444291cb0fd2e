"""IDI inputs and scores on a tiny hand-made set of observations: derivation, carry-forward, group median, status."""
import pandas as pd
import pytest

from indicators.idi.inputs import edition_inputs
from indicators.idi.scores import edition_scores
from schemas.idi_editions import load_edition

EDITION = load_edition("2017")   # data year 2016, carry back 3 years, 5 donors, at most 2 imputed inputs to rank
FULL = {"FTEL_SUBS_P100": 30, "MOB_SUBS_P100": 150, "INTL_BW_PER_USER_BPS": 100_000, "HH_COMP_PCT": 80,
        "HH_INET_PCT": 70, "INET_USERS_PCT": 60, "FBB_SUBS_P100": 15, "MBB_SUBS_P100": 80,
        "MEAN_YEARS_SCHOOLING": 12, "GER_SECONDARY": 110, "GER_TERTIARY": 50}


def obs(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["ref_area", "time_period", "series", "value"])
    return frame.assign(nature="C", source="test")


def full(area: str, **override) -> list[tuple]:
    return [(area, 2016, s, override.get(s, v)) for s, v in FULL.items() if override.get(s, v) is not None]


@pytest.fixture(scope="module")
def inputs() -> pd.DataFrame:
    rows = []
    for i, area in enumerate(["AAA", "BBB", "CCC", "DDD", "EEE"]):
        rows += full(area, GER_TERTIARY=10 * (i + 1))          # donors for the HIC median: 10..50 (and HHH's 50)
    # FFF: fixed telephone and bandwidth derived, tertiary GER from the group median, schooling carried from 2014
    rows += full("FFF", FTEL_SUBS_P100=None, INTL_BW_PER_USER_BPS=None, GER_TERTIARY=None, MEAN_YEARS_SCHOOLING=None)
    rows += [("FFF", 2016, "FTEL_SUBS", 300), ("FFF", 2016, "POP_TOTAL", 1000), ("FFF", 2016, "INTL_BW_MBPS", 10),
             ("FFF", 2014, "MEAN_YEARS_SCHOOLING", 11), ("FFF", 2012, "HH_COMP_PCT", 99)]
    # GGG (LIC, no donors): only Internet use; HHH (HIC): three imputed inputs
    rows += [("GGG", 2016, "INET_USERS_PCT", 20)]
    rows += full("HHH", HH_COMP_PCT=None, HH_INET_PCT=None, FBB_SUBS_P100=None)
    rows += [("HHH", 2015, "HH_COMP_PCT", 85), ("HHH", 2015, "HH_INET_PCT", 75), ("HHH", 2013, "FBB_SUBS_P100", 20)]
    groups = {a: "HIC" for a in ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "HHH"]} | {"GGG": "LIC"}
    return edition_inputs(EDITION, obs(rows), groups)


def one(inputs: pd.DataFrame, area: str, indicator: str) -> pd.Series:
    hit = inputs[(inputs["ref_area"] == area) & (inputs["indicator"] == indicator)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_derived_inputs(inputs):
    fixed = one(inputs, "FFF", "fixed_tel")
    assert (fixed["method"], fixed["value"], fixed["nature"], bool(fixed["imputed"])) == ("derived", 30.0, "CA", False)
    bandwidth = one(inputs, "FFF", "bandwidth_per_user")   # 10 Mbit/s x 1e6 / (60% x 1000 users) = 16 666.67
    assert bandwidth["method"] == "derived"
    assert bandwidth["value"] == pytest.approx(10e6 / 600)


def test_reported_value_is_preferred_to_a_derivation(inputs):
    assert one(inputs, "AAA", "fixed_tel")["method"] == "reported"


def test_carry_forward_within_the_window_only(inputs):
    schooling = one(inputs, "FFF", "mean_years_schooling")
    assert (schooling["method"], schooling["value"], schooling["value_year"], schooling["nature"]) == \
        ("carried_forward", 11.0, 2014, "E")
    assert bool(schooling["imputed"])
    assert one(inputs, "FFF", "hh_computer")["method"] == "reported"   # 2016 value wins over 2012
    assert one(inputs, "HHH", "fixed_broadband")["value_year"] == 2013


def test_group_median_needs_enough_donors(inputs):
    tertiary = one(inputs, "FFF", "ger_tertiary")
    # median of 10, 20, 30, 40, 50, 50 (AAA..EEE and HHH, all HIC, reported for 2016) = 35
    assert (tertiary["method"], tertiary["value"], tertiary["nature"]) == ("group_median", 35.0, "E")
    assert "median of 6 economies in World Bank income group HIC" in tertiary["source"]
    assert one(inputs, "GGG", "ger_tertiary")["method"] == "missing"   # LIC: no donors
    assert pd.isna(one(inputs, "GGG", "ger_tertiary")["value"])


def test_scores_status_and_rank(inputs):
    scores = edition_scores(EDITION, inputs).set_index("ref_area")
    assert scores.loc["FFF", "imputed_count"] == 2 and scores.loc["FFF", "status"] == "ranked"
    assert scores.loc["FFF", "imputed_inputs"] == "ger_tertiary,mean_years_schooling"
    # mobile 150 over the reference 120 and secondary GER 110 over 100: capped at 1 and flagged
    assert scores.loc["AAA", "capped_inputs"] == "ger_secondary,mobile_cellular"
    assert scores.loc["HHH", "imputed_count"] == 3 and scores.loc["HHH", "status"] == "unranked_imputed"
    assert pd.isna(scores.loc["HHH", "rank"]) and scores.loc["HHH", "idi"] > 0
    ggg = scores.loc["GGG"]
    assert ggg["status"] == "insufficient_data" and ggg["missing_count"] == 10
    assert pd.isna(ggg["idi"]) and pd.isna(ggg["rank"]) and pd.isna(ggg["use"])
    assert ggg["internet_users_z"] == pytest.approx(0.2)
    # AAA..EEE differ only by tertiary GER 10..50: each +10 adds 10 x 0.2 x 0.33 x 0.1 = 0.066 to the score
    assert scores.loc["EEE", "idi"] - scores.loc["AAA", "idi"] == pytest.approx(4 * 0.066, abs=1e-9)
    # six ranked economies with distinct printed scores: ranks 1..6, higher score first, HHH/GGG take no place
    ranked = scores[scores["status"] == "ranked"].sort_values("idi", ascending=False)
    assert [scores.loc[a, "rank"] for a in ["EEE", "DDD", "CCC", "BBB", "AAA"]] == sorted(
        scores.loc[a, "rank"] for a in ["EEE", "DDD", "CCC", "BBB", "AAA"])
    assert sorted(ranked["rank"]) == [1, 2, 3, 4, 5, 6]
    assert list(ranked["rank"]) == sorted(ranked["rank"])
