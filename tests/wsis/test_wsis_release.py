"""wsis_targets.parquet and wsis_availability.parquet in the demo and real releases."""
import pandas as pd
import pytest

from support import published



def totals(obs: pd.DataFrame, series: str) -> pd.Series:
    keep = (obs["series"] == series) & (obs["sex"] == "_T") & (obs["age"] == "_T") & (obs["urbanisation"] == "_T") \
        & (obs["breakdown"] == "_T")
    return obs[keep].set_index(["ref_area", "time_period"])["obs_value"]


def sdg_totals(sdg: pd.DataFrame, series: str) -> pd.Series:
    keep = (sdg["series"] == series) & (sdg["sex"] == "_T") & (sdg["age"] == "_T") & (sdg["urbanisation"] == "_T") \
        & (sdg["composite_breakdown"] == "_T")
    return sdg[keep].set_index(["ref_area", "time_period"])["obs_value"]


def indicator(wsis: pd.DataFrame, code: str) -> pd.DataFrame:
    return wsis[wsis["indicator"] == code].set_index(["ref_area", "time_period"])


def test_demo_internet_use_is_the_sdg_figure_and_mobile_the_population_weighted_mean(demo_release):
    wsis = published(demo_release, "wsis_targets")
    sdg = sdg_totals(published(demo_release, "sdg_indicators"), "IT_USE_ii99")
    internet = indicator(wsis, "10.2")
    # one figure, one value: every economy and aggregate of 10.2 is the 17.8.1 value of sdg_indicators, and all of them
    assert len(internet) == len(sdg) and (internet["value"] - sdg.reindex(internet.index)).abs().max() == 0
    assert internet.loc[("WLD", 2020), "is_aggregate"]
    # mobile subscriptions: the aggregation engine's world value (every ITU-listed economy, filled first)
    engine = published(demo_release, "aggregates").set_index(["series", "sex", "ref_area", "time_period"])
    world = indicator(wsis, "10.1").loc[("WLD", 2020)]
    same = engine.loc[("MOB_SUBS_P100", "_T", "WLD", 2020)]
    assert world["value"] == same["obs_value"] and world["economies_reporting"] == same["economies_reported"]
    assert world["nature"] == same["nature"] and world["population_share"] == pytest.approx(same["coverage_pct"] / 100)
    assert world["progress"] == pytest.approx(world["value"] - world["base_value"])


def test_demo_rural_coverage_and_availability(demo_release):
    wsis = published(demo_release, "wsis_targets")
    rural = wsis[(wsis["indicator"] == "1.1") & ~wsis["is_aggregate"]]
    assert set(rural["breakdown"]) == {"2G", "3G", "4G"} and rural["value"].between(0, 100).all()
    # the rural rows of sdg_9_c_1, reported or estimated there, with their nature
    sdg = published(demo_release, "sdg_indicators")
    sdg = sdg[(sdg["urbanisation"] == "R") & (sdg["sex"] == "_T") & (sdg["series"] == "IT_MOB_3GNTWK")]
    sdg = sdg.set_index(["ref_area", "time_period"])
    rural3g = rural[rural["breakdown"] == "3G"].set_index(["ref_area", "time_period"])
    assert len(rural3g) == len(sdg) > 0
    assert (rural3g["value"] - sdg.loc[rural3g.index, "obs_value"]).abs().max() == 0
    assert (rural3g["nature"] == sdg.loc[rural3g.index, "nature"]).all()
    availability = published(demo_release, "wsis_availability")
    assert sorted(availability["target"].unique()) == list(range(1, 11))
    assert (availability.loc[availability["target"].isin([3, 7, 9]), "indicators_with_data"] == 0).all()


def test_real_release_publishes_what_the_data_allows(real_release):
    wsis = published(real_release, "wsis_targets")
    obs = published(real_release, "observations")
    assert {"6.5", "6.6", "10.1", "10.2"} <= set(wsis["indicator"])
    mobile = indicator(wsis[~wsis["is_aggregate"]], "10.1")
    staged = totals(obs, "MOB_SUBS_P100")
    assert (mobile["value"] - staged.reindex(mobile.index)).abs().max() == 0
    internet = indicator(wsis, "10.2")
    sdg = sdg_totals(published(real_release, "sdg_indicators"), "IT_USE_ii99")
    assert len(internet) == len(sdg) and (internet["value"] - sdg.reindex(internet.index)).abs().max() == 0
    availability = published(real_release, "wsis_availability").set_index(["target", "time_period"])
    assert sorted(availability.index.get_level_values("target").unique()) == list(range(1, 11))
    assert availability.loc[(10, 2015), "economies_reporting"] > 150
    assert availability.loc[(6, 2022), ["indicators_with_data", "economies_reporting"]].tolist() == [2, 193]


def test_real_release_e_government_target(real_release):
    """Target 6 from the UN E-Government Survey: Denmark's EGDI 2022 reads 0.9717, rank 1 (PROVENANCE.md)."""
    wsis = published(real_release, "wsis_targets")
    egdi = indicator(wsis, "6.6")
    assert egdi.loc[("DNK", 2022), "value"] == 0.9717
    assert egdi.xs(2022, level="time_period")["value"].idxmax() == "DNK"
    rank = totals(published(real_release, "observations"), "EGOV_EGDI_RANK")
    assert rank.loc[("DNK", 2022)] == 1 and rank.loc[("DNK", 2003)] == 4
    osi = indicator(wsis, "6.5")
    assert osi.loc[("DNK", 2022), "value"] == 0.9797 and osi.loc[("KEN", 2018), "value"] == 0.625
    assert set(egdi.index.get_level_values("time_period")) == {2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018,
                                                                2020, 2022}
    assert not wsis.loc[wsis["target"] == 6, "is_aggregate"].any()
    assert set(osi["measure_status"]) == {"recalled"} and set(osi["nature"]) == {"G"}
    catalog = published(real_release, "indicator_catalog").set_index("code")
    assert catalog.loc["WSIS-6.5", "wsis_link_status"] == "recalled"
    assert "measure recalled" in catalog.loc["WSIS-6.5", "definition"]
