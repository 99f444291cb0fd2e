"""Aggregates by hand: three economies, population weights, imputation by trend and by peer median, coverage."""
import pandas as pd
import pytest

from indicators.sdg.aggregates import aggregate_frame, fill_series

MEMBERS = pd.DataFrame({"group_code": ["G1"] * 3, "iso3": ["AAA", "BBB", "CCC"]})
GROUPS = pd.DataFrame({"code": ["G1"], "m49": [None]})
ECONOMIES = pd.DataFrame({"ref_area": ["AAA", "BBB", "CCC"], "itu_region": ["R1", "R1", "R1"],
                          "wb_income_group": ["HIC", "HIC", "LIC"]})


def weights(year, pops):
    return pd.DataFrame({"ref_area": ["AAA", "BBB", "CCC"], "time_period": year, "sex": "_T", "population": pops})


def filled(rows):
    return pd.DataFrame(rows, columns=["ref_area", "time_period", "obs_value", "method"]).assign(
        series="IT_USE_ii99", sex="_T", nature="C")


def test_three_economies_all_reported_is_the_population_weighted_mean():
    # (50 x 10 + 80 x 30 + 20 x 60) / (10 + 30 + 60) = (500 + 2400 + 1200) / 100 = 41.0
    f = filled([("AAA", 2020, 50.0, "reported"), ("BBB", 2020, 80.0, "reported"), ("CCC", 2020, 20.0, "reported")])
    [row] = aggregate_frame(f, weights(2020, [10.0, 30.0, 60.0]), MEMBERS, GROUPS, 50, "E", "M").itertuples()
    assert row.obs_value == pytest.approx(41.0, abs=1e-12)
    assert (row.coverage_pct, row.economies_reported, row.economies_imputed, row.nature, row.published) == \
        (100.0, 3, 0, "E", True)


def test_an_imputed_member_lowers_coverage_and_makes_the_aggregate_modelled():
    # CCC imputed: value still weighted, (500 + 2400 + 30 x 60) / 100 = 47.0; coverage (10 + 30) / 100 = 40% < 50%
    f = filled([("AAA", 2020, 50.0, "reported"), ("BBB", 2020, 80.0, "reported"),
                ("CCC", 2020, 30.0, "trend_extrapolated")])
    [row] = aggregate_frame(f, weights(2020, [10.0, 30.0, 60.0]), MEMBERS, GROUPS, 50, "E", "M").itertuples()
    assert row.obs_value == pytest.approx(47.0, abs=1e-12)
    assert row.coverage_pct == pytest.approx(40.0)
    assert (row.economies_reported, row.economies_imputed, row.nature, row.published) == (2, 1, "M", False)
    assert "not published: coverage below 50%" in row.comment
    [ok] = aggregate_frame(f, weights(2020, [10.0, 30.0, 60.0]), MEMBERS, GROUPS, 40, "E", "M").itertuples()
    assert ok.published


def test_fill_interpolates_extrapolates_carries_and_falls_back_to_peer_medians():
    reported = pd.DataFrame({"ref_area": ["AAA", "AAA", "AAA", "BBB", "CCC"],
                             "time_period": [2016, 2018, 2019, 2016, 2010],
                             "obs_value": [40.0, 60.0, 64.0, 70.0, 5.0]})
    members = pd.DataFrame([(a, t) for a in ("AAA", "BBB", "CCC") for t in (2016, 2017, 2020)],
                           columns=["ref_area", "time_period"]).merge(ECONOMIES, on="ref_area")
    out = fill_series(reported, members, max_gap=5, bounds=(0.0, 100.0)).set_index(["ref_area", "time_period"])
    assert out.loc[("AAA", 2017)].tolist() == [50.0, "trend_interpolated"]      # halfway between 40 and 60
    assert out.loc[("AAA", 2020)].tolist() == [68.0, "trend_extrapolated"]      # 64 + (64 - 60) x 1
    assert out.loc[("BBB", 2017)].tolist() == [70.0, "carried_nearest_year"]    # one reported year: carried
    # CCC's only value (2010) is more than 5 years before 2016: peers decide. 2016: no HIC/LIC peer with the same
    # income in R1 except itself, so the median of region R1 = median(40, 70) = 55.
    assert out.loc[("CCC", 2016)].tolist() == [55.0, "median_region"]
    # BBB 2020 is 4 years from 2016: carried 70; CCC 2020 -> median of R1 in 2020 = median(68, 70) = 69
    assert out.loc[("CCC", 2020)].tolist() == [69.0, "median_region"]
