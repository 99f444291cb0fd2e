"""idi.parquet in the demo release and in the release built from ../shared/data."""
import json

import numpy as np
import pytest

from conftest import published


def test_demo_ranks_economies_with_enough_reported_inputs(demo_release):
    idi = published(demo_release, "idi")
    inputs = published(demo_release, "idi_inputs")
    assert set(idi["time_period"]) == {2016} and idi["ref_area"].is_unique
    ranked = idi[idi["status"] == "ranked"]
    assert len(ranked) > 50 and (ranked["imputed_count"] <= 2).all() and (ranked["missing_count"] == 0).all()
    assert ranked.loc[ranked["rank"] == 1, "idi"].round(2).iloc[0] == ranked["idi"].round(2).max()
    assert idi.loc[idi["status"] != "ranked", "rank"].isna().all()
    assert (idi.loc[idi["status"] == "unranked_imputed", "imputed_count"] > 2).all()
    # every imputed input is flagged E, and the count in idi matches the flags in idi_inputs
    assert set(inputs.loc[inputs["imputed"], "nature"]) == {"E"}
    assert set(inputs.loc[inputs["imputed"], "method"]) <= {"carried_forward", "group_median"}
    counts = inputs.groupby("ref_area")["imputed"].sum()
    assert (idi.set_index("ref_area")["imputed_count"] == counts.reindex(idi["ref_area"]).values).all()
    assert (idi["methodology_status"] == "unconfirmed").all()


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


def test_real_release_leaves_economies_without_skills_inputs_unranked(real_release):
    idi = published(real_release, "idi")
    inputs = published(real_release, "idi_inputs")
    obs = published(real_release, "observations")
    assert len(idi) > 100
    # ../shared/data has no mean years of schooling nor enrolment ratios: no score is invented
    skills = {"MEAN_YEARS_SCHOOLING", "GER_SECONDARY", "GER_TERTIARY"}
    assert not skills & set(obs["series"])
    assert (idi["status"] == "insufficient_data").all() and idi["rank"].isna().all() and idi["idi"].isna().all()
    assert (inputs.loc[inputs["series"].isin(skills), "method"] == "missing").all()
    # partial results stay visible: Internet use normalised from the staged value
    users = obs[(obs["series"] == "INET_USERS_PCT") & (obs["time_period"] == 2016) & (obs["sex"] == "_T")
                & (obs["age"] == "_T") & (obs["urbanisation"] == "_T")].set_index("ref_area")["obs_value"]
    both = idi.set_index("ref_area")["internet_users_z"].dropna()
    common = both.index.intersection(users.index)
    assert len(common) > 50
    assert (both[common] - (users[common] / 100).clip(upper=1)).abs().max() < 1e-12
