"""wsis_targets.parquet and wsis_availability.parquet in the demo and real releases."""
import pandas as pd
import pytest

from conftest import published


def totals(obs: pd.DataFrame, series: str) -> pd.Series:
    keep = (obs["series"] == series) & (obs["sex"] == "_T") & (obs["age"] == "_T") & (obs["urbanisation"] == "_T") \
        & (obs["breakdown"] == "_T")
    return obs[keep].set_index(["ref_area", "time_period"])["obs_value"]


def test_demo_world_internet_use_is_the_population_weighted_mean(demo_release):
    wsis = published(demo_release, "wsis_targets")
    obs = published(demo_release, "observations")
    both = pd.concat([totals(obs, "INET_USERS_PCT").rename("pct"), totals(obs, "POP_TOTAL").rename("pop")],
                     axis=1, join="inner").xs(2020, level="time_period")
    world = wsis[(wsis["indicator"] == "10.2") & (wsis["ref_area"] == "WLD") & (wsis["time_period"] == 2020)].iloc[0]
    assert world["value"] == pytest.approx((both["pct"] * both["pop"]).sum() / both["pop"].sum(), rel=1e-12)
    assert world["economies_reporting"] == len(both) and world["nature"] == "E"
    assert world["progress"] == pytest.approx(world["value"] - world["base_value"])


def test_demo_rural_coverage_and_availability(demo_release):
    wsis = published(demo_release, "wsis_targets")
    rural = wsis[(wsis["indicator"] == "1.1") & ~wsis["is_aggregate"]]
    assert set(rural["breakdown"]) == {"2G", "3G", "4G"} and rural["value"].between(0, 100).all()
    assert set(rural["nature"]) == {"E"}
    availability = published(demo_release, "wsis_availability")
    assert sorted(availability["target"].unique()) == list(range(1, 11))
    assert (availability.loc[availability["target"].isin([3, 7, 9]), "indicators_with_data"] == 0).all()


def test_real_release_publishes_what_the_data_allows(real_release):
    wsis = published(real_release, "wsis_targets")
    obs = published(real_release, "observations")
    assert {"10.1", "10.2"} <= set(wsis["indicator"])
    assert "1.1" not in set(wsis["indicator"])          # no urban population share in ../shared/data
    mobile = wsis[(wsis["indicator"] == "10.1") & ~wsis["is_aggregate"]].set_index(["ref_area", "time_period"])
    staged = totals(obs, "MOB_SUBS_P100")
    assert (mobile["value"] - staged.reindex(mobile.index)).abs().max() == 0
    availability = published(real_release, "wsis_availability").set_index(["target", "time_period"])
    assert availability.loc[(1, 2015), "indicators_with_data"] == 0
    assert availability.loc[(10, 2015), "economies_reporting"] > 150
