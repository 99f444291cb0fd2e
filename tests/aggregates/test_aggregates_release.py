"""17.8.1 aggregates on the release built from every file in ../shared/data: every group and year, by sex, near
ITU's own world estimates, never moving against their members, and one value in every table that shows them."""
import pandas as pd
import pytest

from support import published, shared_file
from pipelines.core import groups

GROUPS = {"WLD", "ITU_AFR", "ITU_AMS", "ITU_ARB", "ITU_ASP", "ITU_CIS", "ITU_EUR", "LDC", "LLDC", "SIDS", "WB_LIC",
          "WB_LMC", "WB_UMC", "WB_HIC"}
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def internet(real_release):
    agg = published(real_release, "sdg_aggregates")
    return agg[agg["series"] == "IT_USE_ii99"]


def test_every_group_has_17_8_1_for_every_year_total_and_by_sex_with_coverage(internet):
    for sex, years in (("_T", range(2005, 2024)), ("F", range(2019, 2024)), ("M", range(2019, 2024))):
        rows = internet[(internet["sex"] == sex) & internet["time_period"].isin(years)]
        got = set(zip(rows["ref_area"], rows["time_period"]))
        assert {(g, y) for g in GROUPS for y in years} <= got, sex
        assert rows["coverage_pct"].between(0, 100.000001).all() and rows["obs_value"].between(0, 100).all()
        assert (rows["membership_vintage"] == "ITU 2025").all() and rows["population_source"].str.len().gt(0).all()


def test_world_is_within_one_point_of_itus_world_estimates(internet, shared_data):
    owid = pd.read_csv(shared_file(shared_data, "owid_internet_use_2024/share-of-individuals-using-the-internet.csv"))
    itu = owid[owid["Code"] == "OWID_WRL"].set_index("Year").iloc[:, -1]   # ITU's Nov-2023 world estimates
    world = internet[(internet["ref_area"] == "WLD") & (internet["sex"] == "_T")].set_index("time_period")
    gaps = {year: world.loc[year, "obs_value"] - itu[year] for year in range(2019, 2024)}
    print("world 17.8.1 minus ITU:", {y: round(g, 2) for y, g in gaps.items()})
    assert [round(itu[y], 1) for y in range(2019, 2024)] == [53.2, 59.3, 62.2, 64.4, 67.4]
    assert all(abs(g) < 1.0 for g in gaps.values())


def test_women_below_men_and_the_total_between_them(internet):
    wide = internet[internet["time_period"] >= 2019].pivot_table(index=["ref_area", "time_period"], columns="sex",
                                                                  values="obs_value")
    world = wide.loc["WLD"]
    assert (world["F"] < world["M"]).all()
    assert ((wide["_T"] >= wide[["F", "M"]].min(axis=1) - 0.5) & (wide["_T"] <= wide[["F", "M"]].max(axis=1) + 0.5)
            ).all()


def test_no_aggregate_falls_while_every_member_that_reported_both_years_rose(real_release, internet):
    obs = published(real_release, "sdg_indicators")
    obs = obs[(obs["series"] == "IT_USE_ii99") & (obs["area_type"] == "economy") & (obs["age"] == "_T")
              & (obs["urbanisation"] == "_T") & (obs["sex"] == "_T")].set_index(["ref_area", "time_period"])
    membership = groups.group_members()
    agg = internet[internet["sex"] == "_T"].set_index(["ref_area", "time_period"])["obs_value"]
    checked = 0
    for (group, year), value in agg.items():
        if (group, year - 1) not in agg.index:
            continue
        iso = membership[membership["group_code"] == group]["iso3"]
        both = [(obs.loc[(a, year - 1), "obs_value"], obs.loc[(a, year), "obs_value"]) for a in iso
                if (a, year - 1) in obs.index and (a, year) in obs.index]
        if both and all(new > old for old, new in both):
            checked += 1
            assert value >= agg[(group, year - 1)], (group, year)
    assert checked > 20
