"""idi.parquet in the demo release and in the release built from ../shared/data."""
import json

import numpy as np
import pytest

from support import published


def test_demo_ranks_economies_with_enough_reported_inputs(demo_release):
    idi = published(demo_release, "idi")
    inputs = published(demo_release, "idi_inputs")
    assert set(idi["time_period"]) == {2016} and idi["ref_area"].is_unique
    ranked = idi[idi["status"] == "ranked"]
    assert len(ranked) > 50 and (ranked["imputed_count"] <= 2).all() and (ranked["missing_count"] == 0).all()
    assert ranked.loc[ranked["rank"] == 1, "idi"].iloc[0] == ranked["idi"].max()
    assert idi.loc[idi["status"] != "ranked", "rank"].isna().all()
    assert (idi.loc[idi["status"] == "unranked_imputed", "imputed_count"] > 2).all()
    # every imputed input is flagged E, and the count in idi matches the flags in idi_inputs
    assert set(inputs.loc[inputs["imputed"], "nature"]) == {"E"}
    assert set(inputs.loc[inputs["imputed"], "method"]) <= {"carried_forward", "group_median"}
    counts = inputs.groupby("ref_area")["imputed"].sum()
    assert (idi.set_index("ref_area")["imputed_count"] == counts.reindex(idi["ref_area"]).values).all()
    assert (idi["methodology_status"] == "unconfirmed").all()


def assert_rank_order_is_value_order(idi):
    """ITU's rule: ranks on unrounded scores, shared only by exactly equal scores, with no exception."""
    ranked = idi[idi["status"] == "ranked"].sort_values("idi", ascending=False)
    expected = ranked["idi"].map(lambda s: 1 + int((ranked["idi"] > s).sum()))
    assert (ranked["rank"].astype(int) == expected).all()
    assert ranked["rank"].is_monotonic_increasing
    same_rank = ranked.groupby("rank")["idi"].nunique()
    assert (same_rank == 1).all()                       # a shared rank means an exactly equal score


def test_demo_rank_order_equals_value_order(demo_release):
    idi = published(demo_release, "idi")
    assert_rank_order_is_value_order(idi)
    ranked = idi[idi["status"] == "ranked"]
    # printed (2-decimal) ties are not rank ties: count the pairs the former rule would have put out of order
    printed = ranked["idi"].round(2)
    assert printed.duplicated().any() and not ranked["rank"].duplicated().any()
    capped = idi["capped_inputs"].str.split(",").explode()
    assert "mobile_cellular" in set(capped)             # demo economies above 120 per 100: capped and flagged


def test_demo_score_recomputed_from_published_inputs(demo_release):
    """IDI = scale x sum(sub-index weight x sum(weight x min(value / reference, 1))), log10 for bandwidth (MIS 2017),
    recomputed from the published inputs and parameters alone, without the scoring engine."""
    idi = published(demo_release, "idi").set_index("ref_area")
    inputs = published(demo_release, "idi_inputs")
    params = published(demo_release, "idi_parameters")
    params = params[params["edition"] == "2017"]
    scale = params.loc[params["parameter"] == "scale", "value"].item()
    sub_weight = params[(params["parameter"] == "weight") & (params["indicator"] == "")].set_index("sub_index")["value"]
    per_indicator = params[params["indicator"] != ""].pivot(index="indicator", columns="parameter", values="value")
    ranked = inputs[inputs["ref_area"].isin(idi.index[idi["status"] == "ranked"][:10])]
    ranked = ranked.join(per_indicator, on="indicator")
    value, reference = ranked["value"].astype(float), ranked["reference"]
    ratio = np.where(ranked["indicator"] == "bandwidth_per_user", np.log10(value) / np.log10(reference),
                     value / reference)
    contribution = ranked["sub_index"].map(sub_weight) * ranked["weight"] * np.clip(ratio, 0, 1)
    expected = scale * contribution.groupby(ranked["ref_area"]).sum()
    assert len(expected) == 10
    assert (idi.loc[expected.index, "idi"] - expected).abs().max() == pytest.approx(0, abs=1e-9)


def test_demo_bandwidth_per_user_is_derived_from_total_bandwidth(demo_release):
    inputs = published(demo_release, "idi_inputs")
    obs = published(demo_release, "observations")
    row = inputs[(inputs["ref_area"] == "KOR") & (inputs["indicator"] == "bandwidth_per_user")].iloc[0]
    pick = obs[(obs["ref_area"] == "KOR") & (obs["time_period"] == 2016) & (obs["sex"] == "_T") & (obs["age"] == "_T")]
    value = pick.set_index("series")["obs_value"]
    assert row["method"] == "derived"
    assert row["value"] == pytest.approx(value["INTL_BW_MBPS"] * 1e6 / (value["INET_USERS_PCT"] / 100 *
                                                                         value["POP_TOTAL"]))


def test_demo_datapackage_lists_unconfirmed_parameters(demo_release):
    _, warehouse, release = demo_release
    package = json.loads((warehouse / "published" / release / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert {"idi", "idi_inputs", "idi_parameters", "indicator_catalog"} <= set(resources)
    assert "access.mobile_cellular.reference" in resources["idi"]["description"]
    params = published(demo_release, "idi_parameters")
    assert set(params["status"]) == {"confirmed", "unconfirmed"}
    bandwidth = params[(params["edition"] == "2017") & (params["indicator"] == "bandwidth_per_user")
                       & (params["parameter"] == "reference")].iloc[0]
    assert (bandwidth["value"], bandwidth["status"]) == (2158212.0, "unconfirmed")


def test_demo_structure_lists_idi_2023_without_numbers(demo_release):
    structure = published(demo_release, "idi_structure")
    idi = published(demo_release, "idi")
    new = structure[structure["edition"] == "2023"]
    assert len(new) == 10 and set(new["methodology_status"]) == {"incomplete"}
    assert set(new["pillar_status"]) == {"confirmed"} and set(new["indicator_status"]) == {"recalled"}
    assert "2023" not in set(idi["edition"]) and "2023" not in set(published(demo_release, "idi_parameters")["edition"])
    assert set(structure.loc[structure["edition"] == "2017", "methodology_status"]) == {"unconfirmed"}



def test_real_release_ranks_what_the_inputs_allow(real_release):
    idi = published(real_release, "idi")
    inputs = published(real_release, "idi_inputs")
    obs = published(real_release, "observations")
    assert_rank_order_is_value_order(idi)
    # skills inputs come from the real files: HDR mean years of schooling and WDI gross enrolment (reported for 2016)
    skills = inputs[inputs["sub_index"] == "skills"].set_index(["ref_area", "indicator"])
    assert skills.loc[("DEU", "mean_years_schooling"), "value"] == pytest.approx(14.1321497)
    assert skills.loc[("DEU", "ger_secondary"), "value"] == pytest.approx(98.8119964599609)
    assert skills.loc[("DEU", "ger_tertiary"), "value"] == pytest.approx(67.95, abs=0.005)
    assert set(skills.loc[("DEU", slice(None)), "method"]) == {"reported"}
    # no value is invented: every input is reported, derived, imputed by the edition's rule, or missing
    reported = obs[(obs["time_period"] == 2016) & (obs["sex"] == "_T") & (obs["age"] == "_T")
                   & (obs["urbanisation"] == "_T") & (obs["breakdown"] == "_T")]
    hits = inputs[inputs["method"] == "reported"].merge(
        reported[["ref_area", "series", "obs_value"]], on=["ref_area", "series"], how="left")
    assert (hits["value"] - hits["obs_value"]).abs().max() < 1e-9
    assert inputs.loc[inputs["method"] == "missing", "value"].isna().all()
    # households with a computer (HH4) is in no file of ../shared/data and no income group has a donor for it, so
    # the access sub-index, the score and the rank stay empty for every economy: nothing is invented
    assert "HH_COMP_PCT" not in set(obs["series"])
    assert (inputs.loc[inputs["indicator"] == "hh_computer", "method"] == "missing").all()
    assert (idi["status"] == "insufficient_data").all() and idi["rank"].isna().all() and idi["access"].isna().all()
    assert idi["missing_count"].ge(1).all()
    # the use and skills sub-indices are given wherever their own inputs are complete
    assert idi["skills"].notna().sum() > 200 and idi["use"].notna().sum() > 200
    deu = idi.set_index("ref_area").loc["DEU"]
    assert deu["skills"] == pytest.approx(10 * 0.33 * (14.1321497 / 15 + 0.988119964599609 + 0.67946411), abs=1e-6)
