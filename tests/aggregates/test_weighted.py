"""Aggregates by hand: three economies, population weights, filled members, coverage and the group population."""
import pandas as pd
import pytest

from indicators.aggregates.engine import population_totals, weighted_aggregates

MEMBERS = pd.DataFrame({"group_code": ["G1"] * 3, "iso3": ["AAA", "BBB", "CCC"]})
GROUPS = pd.DataFrame({"code": ["G1"], "m49": [None], "membership_vintage": ["ITU 2025"]})


def weights(pops, sex="_T"):
    return pd.DataFrame({"ref_area": ["AAA", "BBB", "CCC"], "time_period": 2020, "sex": sex, "population": pops,
                         "source": "WDI (last updated 2025-06-05)"})


def filled(rows, sex="_T"):
    return pd.DataFrame(rows, columns=["ref_area", "obs_value", "method"]).assign(
        series="INET_USERS_PCT", sex=sex, time_period=2020)


def test_all_reported_is_the_population_weighted_mean():
    # (50 x 10 + 80 x 30 + 20 x 60) / (10 + 30 + 60) = 4100 / 100 = 41.0
    f = filled([("AAA", 50.0, "reported"), ("BBB", 80.0, "reported"), ("CCC", 20.0, "reported")])
    [row] = weighted_aggregates(f, weights([10.0, 30.0, 60.0]), MEMBERS, GROUPS, 50).itertuples()
    assert row.obs_value == pytest.approx(41.0, abs=1e-12)
    assert (row.coverage_pct, row.economies_reported, row.economies_imputed, row.nature, row.low_coverage) == \
        (100.0, 3, 0, "E", False)
    assert (row.membership_vintage, row.population_source) == ("ITU 2025", "WDI (last updated 2025-06-05)")


def test_a_filled_member_counts_in_the_value_lowers_coverage_and_is_only_flagged():
    # CCC filled: (500 + 2400 + 30 x 60) / 100 = 47.0; coverage (10 + 30) / 100 = 40% < 50%: flagged, still there
    f = filled([("AAA", 50.0, "reported"), ("BBB", 80.0, "reported"), ("CCC", 30.0, "hot_deck_gni")])
    [row] = weighted_aggregates(f, weights([10.0, 30.0, 60.0]), MEMBERS, GROUPS, 50).itertuples()
    assert row.obs_value == pytest.approx(47.0, abs=1e-12)
    assert row.coverage_pct == pytest.approx(40.0)
    assert (row.economies_reported, row.economies_imputed, row.nature, row.low_coverage) == (2, 1, "M", True)
    assert "1 from other economies" in row.comment


def test_female_aggregate_uses_female_population():
    # (40 x 6 + 70 x 14 + 10 x 30) / 50 = (240 + 980 + 300) / 50 = 30.4
    f = filled([("AAA", 40.0, "reported"), ("BBB", 70.0, "own_sex_ratio"), ("CCC", 10.0, "reported")], sex="F")
    w = pd.concat([weights([10.0, 30.0, 60.0]), weights([6.0, 14.0, 30.0], sex="F")])
    [row] = weighted_aggregates(f, w, MEMBERS, GROUPS, 50).itertuples()
    assert (row.sex, row.obs_value, row.coverage_pct) == ("F", pytest.approx(30.4), pytest.approx(72.0))


def test_group_population_is_the_sum_of_its_members():
    [row] = population_totals(weights([10.0, 30.0, 60.0]), MEMBERS, GROUPS).itertuples()
    assert (row.series, row.obs_value, row.economies_total) == ("POP_TOTAL", 100.0, 3)


def test_members_weighted_with_populations_from_two_sources_name_both_once_sorted():
    w = weights([10.0, 30.0, 60.0]).assign(source=["WDI", "UN WPP", "WDI"])
    f = filled([("AAA", 50.0, "reported"), ("BBB", 80.0, "reported"), ("CCC", 20.0, "reported")])
    [row] = weighted_aggregates(f, w, MEMBERS, GROUPS, 50).itertuples()
    assert row.population_source == "UN WPP; WDI"
