"""The fill step by hand: interpolation, damped trends on the logit scale, the horizon, hot-deck donors by GNI per
capita, and female/male values from each economy's own ratio to the total or its region's."""
import math

import numpy as np
import pandas as pd
import pytest

from indicators.aggregates.engine import fill
from indicators.aggregates.fill import fill_by_sex, fill_total, hot_deck, own_series, sex_ratios
from indicators.loader import load_specs

RULE = {"transform": "logit", "upper": 100, "trend_points": 2, "damping": 0.5, "max_extrapolation_years": 3}


def logit(p):
    return math.log(p / (100 - p))


def inverse(z):
    return 100 / (1 + math.exp(-z))


def test_interpolation_is_linear_between_reported_years():
    [(year, value, method)] = own_series(np.array([2010, 2014]), np.array([20.0, 40.0]), np.array([2011]), RULE)
    assert (year, method) == (2011, "interpolated") and value == pytest.approx(25.0)


def test_extrapolation_is_a_damped_logit_trend_and_stops_at_the_horizon():
    # slope on the logit scale from 2019 (20%) to 2020 (50%): logit(50) - logit(20) = 0 - (-1.386294) per year.
    # 2022 is 2 steps ahead: damped steps 0.5 + 0.25 = 0.75, so logit = 0 + 1.386294 x 0.75 = 1.039721 -> 73.88%.
    got = own_series(np.array([2019, 2020]), np.array([20.0, 50.0]), np.array([2022, 2024]), RULE)
    slope = logit(50) - logit(20)
    assert got == [(2022, pytest.approx(inverse(slope * 0.75)), "extrapolated")]   # 2024 is 4 > 3 years away
    assert got[0][1] == pytest.approx(73.8796, abs=1e-4)


def test_backcast_mirrors_the_first_years_trend_and_a_single_year_is_carried():
    [(_, back, method)] = own_series(np.array([2019, 2020]), np.array([20.0, 50.0]), np.array([2018]), RULE)
    assert method == "backcast" and back == pytest.approx(inverse(logit(20) - (logit(50) - logit(20)) * 0.5))
    assert own_series(np.array([2019]), np.array([30.0]), np.array([2021]), RULE) == [(2021, 30.0, "carried")]


def test_log_rates_never_fall_below_zero_and_linear_is_clipped_to_the_bound():
    rule = {**RULE, "transform": "log", "upper": None}
    [(_, value, _)] = own_series(np.array([2019, 2020]), np.array([10.0, 5.0]), np.array([2023]), rule)
    assert value == pytest.approx(5.0 * 0.5 ** 0.875)   # log trend halves per year, damped 0.5+0.25+0.125 steps
    linear = {**RULE, "transform": "linear"}
    [(_, capped, _)] = own_series(np.array([2019, 2020]), np.array([60.0, 95.0]), np.array([2021]), linear)
    assert capped == 100.0   # 95 + 35 x 0.5 = 112.5 clipped to the bound


def members(years, rows):
    return pd.DataFrame([(a, y, r, g) for a, r, g in rows for y in years],
                        columns=["ref_area", "time_period", "itu_region", "log_gni"])


def test_hot_deck_takes_the_nearest_gni_in_the_region_and_the_median_without_gni():
    have = pd.DataFrame({"ref_area": ["AAA", "BBB", "CCC"], "time_period": 2020, "itu_region": ["R1", "R1", "R2"],
                         "log_gni": [7.0, 9.0, 8.1], "obs_value": [10.0, 60.0, 99.0]})
    todo = pd.DataFrame({"ref_area": ["DDD", "EEE"], "time_period": 2020, "itu_region": ["R1", "R1"],
                         "log_gni": [8.2, np.nan]})
    out = hot_deck(have, todo).set_index("ref_area")
    # DDD: |8.2 - 9.0| < |8.2 - 7.0| within R1 (CCC, nearer, is in R2): BBB's 60
    assert out.loc["DDD", ["obs_value", "method", "donor"]].tolist() == [60.0, "hot_deck_gni", "BBB"]
    assert out.loc["EEE", ["obs_value", "method"]].tolist() == [35.0, "region_median"]   # median(10, 60)


def test_hot_deck_breaks_ties_by_order_falls_back_to_every_member_and_skips_years_without_donors():
    have = pd.DataFrame({"ref_area": ["AAA", "BBB", "CCC"], "time_period": 2020, "itu_region": ["R1", "R1", "R2"],
                         "log_gni": [7.0, 9.0, 8.1], "obs_value": [10.0, 60.0, 99.0]})
    todo = pd.DataFrame({"ref_area": ["FFF", "GGG", "HHH", "III"], "time_period": [2020, 2020, 2021, 2020],
                         "itu_region": ["R1", "R9", "R1", ""], "log_gni": [8.0, 8.0, 8.0, 8.15]})
    out = hot_deck(have, todo)
    assert list(out.columns) == ["ref_area", "time_period", "obs_value", "method", "donor"]
    rows = out.set_index("ref_area")
    assert rows.loc["FFF", ["obs_value", "donor"]].tolist() == [10.0, "AAA"]    # 7.0 and 9.0 equally near: the first
    assert rows.loc["GGG", ["obs_value", "donor"]].tolist() == [99.0, "CCC"]    # R9 has no donor: every member
    assert rows.loc["III", ["obs_value", "donor"]].tolist() == [99.0, "CCC"]    # no region: every member
    assert "HHH" not in rows.index                                              # nobody reported 2021
    assert hot_deck(have, todo.iloc[:0]).empty


def test_fill_total_fills_every_member_year_once():
    reported = pd.DataFrame({"ref_area": ["AAA", "AAA", "BBB"], "time_period": [2018, 2020, 2019],
                             "obs_value": [20.0, 40.0, 70.0]})
    m = members([2018, 2019, 2020], [("AAA", "R1", 7.0), ("BBB", "R1", 9.0), ("CCC", "R1", 8.9)])
    out = fill_total(reported, m, RULE).set_index(["ref_area", "time_period"]).sort_index()
    assert len(out) == 9 and not out.index.duplicated().any()
    assert out.loc[("AAA", 2019), "obs_value"] == pytest.approx(30.0)
    assert out.loc[("BBB", 2018), "method"] == "carried"
    # CCC never reported: its donor is BBB (GNI 9.0 nearest 8.9), whose own values are 70 in each year
    assert out.loc["CCC", "obs_value"].tolist() == [70.0, 70.0, 70.0]
    assert set(out.loc["CCC", "donor"]) == {"BBB"}


def test_sex_ratios_are_to_the_total_the_female_and_male_values_imply():
    # AAA 2019: F 40, M 60, popF 100, popM 300 -> implied total (4000 + 18000) / 400 = 55, whatever total won
    female = pd.DataFrame({"ref_area": ["AAA", "BBB"], "time_period": [2019, 2019], "obs_value": [40.0, 30.0]})
    male = pd.DataFrame({"ref_area": ["AAA"], "time_period": [2019], "obs_value": [60.0]})
    total = pd.DataFrame({"ref_area": ["AAA", "BBB"], "time_period": [2019, 2019], "obs_value": [99.0, 50.0]})
    weights = pd.DataFrame({"ref_area": ["AAA", "AAA"], "time_period": [2019, 2019], "sex": ["F", "M"],
                            "population": [100.0, 300.0]})
    ratios = sex_ratios(female, male, total, weights)
    f = ratios["F"].set_index("ref_area")["ratio"]
    assert f["AAA"] == pytest.approx(40 / 55) and ratios["M"].set_index("ref_area")["ratio"]["AAA"] == \
        pytest.approx(60 / 55)
    assert f["BBB"] == pytest.approx(30 / 50)   # no male value: the staged total


def test_female_values_follow_the_economys_own_ratio_else_its_regions():
    total = pd.DataFrame({"ref_area": ["AAA", "AAA", "BBB"], "time_period": [2019, 2020, 2020],
                          "obs_value": [50.0, 60.0, 80.0]})
    female = pd.DataFrame({"ref_area": ["AAA"], "time_period": [2019], "obs_value": [40.0]})
    ratios = pd.DataFrame({"ref_area": ["AAA"], "time_period": [2019], "ratio": [0.8]})
    m = members([2019, 2020], [("AAA", "R1", 7.0), ("BBB", "R1", 8.0)])
    out = fill_by_sex(total, female, ratios, m, upper=100, tolerance=0.02).set_index(["ref_area", "time_period"])
    assert out.loc[("AAA", 2019), ["obs_value", "method"]].tolist() == [40.0, "reported"]
    assert out.loc[("AAA", 2020), ["obs_value", "method"]].tolist() == [pytest.approx(48.0), "own_sex_ratio"]
    # BBB has no ratio of its own: the median of R1's ratios in 2020 (AAA's carried 0.8) -> 80 x 0.8 = 64
    assert out.loc[("BBB", 2020), ["obs_value", "method"]].tolist() == [pytest.approx(64.0), "region_sex_ratio"]


def test_reported_values_by_sex_beside_another_sources_total_are_scaled_to_it():
    # the survey said F 5, M 10 (implied total 7.5 with equal populations); the staged total is a newer 25.9
    total = pd.DataFrame({"ref_area": ["NGA"], "time_period": [2017], "obs_value": [25.9]})
    female = pd.DataFrame({"ref_area": ["NGA"], "time_period": [2017], "obs_value": [5.0]})
    ratios = pd.DataFrame({"ref_area": ["NGA"], "time_period": [2017], "ratio": [5.0 / 7.5]})
    out = fill_by_sex(total, female, ratios, members([2017], [("NGA", "R1", 7.6)]), upper=100, tolerance=0.02)
    assert out[["obs_value", "method"]].values.tolist() == [[pytest.approx(25.9 * 5 / 7.5), "scaled_to_total"]]
    consistent = pd.DataFrame({"ref_area": ["NGA"], "time_period": [2017], "obs_value": [7.6]})
    kept = fill_by_sex(consistent, female, ratios, members([2017], [("NGA", "R1", 7.6)]), upper=100,
                       tolerance=0.02)
    assert kept[["obs_value", "method"]].values.tolist() == [[5.0, "reported"]]   # 7.5 vs 7.6: within 2%


def test_every_aggregated_series_has_a_kind_whose_trend_scale_is_a_stated_parameter():
    [spec] = [s for s in load_specs() if s.table == "economy_fill"]
    scales = spec.params["trend"]["scale"]
    assert scales == {"share": "logit", "rate": "log", "level": "log"}
    series = {**spec.registry["aggregated_sdg_series"], **spec.params["series"]}
    assert {"INET_USERS_PCT", "FBB_SUBS_P100", "COV_4G_PCT", "HH_INET_PCT", "GNI_PC_ATLAS_USD"} <= set(series)
    assert all(rule["kind"] in scales for rule in series.values())
    assert all(rule.get("upper") == 100 for rule in series.values() if rule["kind"] == "share")


def test_a_series_of_an_unknown_kind_stops_the_fill_naming_it():
    params = {"aggregated_sdg_series": {}, "series": {"X_PCT": {"kind": "ratio"}}, "sex_total_tolerance": 0.02,
              "trend": {"trend_points": 2, "damping": 0.5, "max_extrapolation_years": 3, "scale": {"share": "logit"}}}
    with pytest.raises(ValueError, match="series X_PCT needs kind: one of share .got ratio."):
        fill(None, params)                                  # before reading any table
