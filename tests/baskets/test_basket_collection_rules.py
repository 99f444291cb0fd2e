"""The collection rules of definitions.yaml, each applied by the engine on hand-computed plans; the postpaid fallback;
experimental baskets only on request; the 2025 baskets of ITU's catalogue."""
from __future__ import annotations

import pandas as pd
import pytest
from support.basket_cases import DATA_2GB, FBB_5GB, choose, choose_frame, plan

from indicators.baskets.definitions import Rules, baskets_frame, catalogue, load
from pipelines.core import tariff_plans

DATA_RULED = DATA_2GB | {"collection_rules": ["speed_floor_kbps", "technology_floor", "exclude_wifi_hotspot_only"]}
FBB_RULED = FBB_5GB | {"collection_rules": ["speed_floor_kbps", "commitment_months"]}
MISR_MOBILE = {"code": "MOB", "title": "30 calls + 100 SMS", "years": [2020, 2030], "service": "mobile",
               "plan_types": ["prepaid"], "fallback_plan_types": ["postpaid"], "minutes": 50, "sms": 100}


def fixed(name: str, fee: float, **fields) -> dict:
    return plan(name, fee, service="fixed_broadband", plan_type="postpaid", data_gb=None, minutes=None, sms=None,
                speed_mbps=10, **fields)


def test_speed_floor_excludes_a_slower_plan_and_says_why():
    # 0.128 Mbit/s = 128 kbit/s < 256: the cheaper 8.00 plan is excluded; 1 Mbit/s at 12.00 chosen; no speed stated
    # (14.00) passes but costs more
    out = choose([plan("Slow", 8.0, data_gb=2, speed_mbps=0.128), plan("Fast", 12.0, data_gb=2, speed_mbps=1),
                  plan("Unstated", 14.0, data_gb=2)], DATA_RULED).loc["DATA_2GB"]
    assert (out["plan"], out["price_lcu"]) == ("Fast", 12.0)
    assert out["excluded"] == "Slow (Operator A): speed_floor_kbps: advertised 128 kbit/s, below 256"
    # without the rule on the basket the slow plan wins: the rule, not the data, excluded it
    assert choose([plan("Slow", 8.0, data_gb=2, speed_mbps=0.128)], DATA_2GB).loc["DATA_2GB", "plan"] == "Slow"


def test_technology_floor_and_wifi_hotspot_offers():
    # 2G at 5.00 (below 3G) and a hotspot-only offer at 6.00 are excluded; 4G at 9.00 is chosen over 5G at 9.50
    out = choose([plan("2G", 5.0, data_gb=2, technology="2G"), plan("Hotspot", 6.0, data_gb=2, technology="4G",
                                                                     wifi_hotspot_only=True),
                  plan("4G", 9.0, data_gb=2, technology="4G"), plan("5G", 9.5, data_gb=2, technology="5G")],
                 DATA_RULED).loc["DATA_2GB"]
    assert (out["plan"], out["price_lcu"]) == ("4G", 9.0)
    assert out["excluded"] == ("2G (Operator A): technology_floor: 2G, below 3G; Hotspot (Operator A): "
                               "exclude_wifi_hotspot_only: a Wi-Fi-only or hotspot-only offer")


def test_fixed_broadband_uses_the_commitment_nearest_to_12_months():
    # 24 months at 20.00 is cheapest but the operator has a 12-month plan (25.00): the 24-month plan is excluded
    out = choose([fixed("24 months", 20.0, commitment_months=24), fixed("12 months", 25.0, commitment_months=12),
                  fixed("No contract", 30.0)], FBB_RULED).loc["FBB_5GB"]
    assert (out["plan"], out["price_lcu"]) == ("12 months", 25.0)
    assert out["excluded"] == "24 months (Operator A): commitment_months: 24-month commitment; the operator's " \
                              "nearest to 12 is 12"
    # only 6 and 24 months offered: 6 is the nearest (6 away), so the 24-month plan is still excluded
    out = choose([fixed("24 months", 20.0, commitment_months=24), fixed("6 months", 26.0, commitment_months=6)],
                 FBB_RULED).loc["FBB_5GB"]
    assert out["plan"] == "6 months" and "nearest to 12 is 6" in out["excluded"]


def test_every_plan_failing_a_rule_leaves_a_no_plan_row_with_the_exclusions():
    out = choose([plan("Slow", 8.0, data_gb=2, speed_mbps=0.1)], DATA_RULED).loc["DATA_2GB"]
    assert out["status"] == "no_plan" and "1 failing a collection rule" in out["note"]
    assert out["excluded"].startswith("Slow (Operator A): speed_floor_kbps")


def test_one_time_charges_are_not_added_unless_configured():
    # 20.00 a month with a 100.00 installation charge vs 22.00 without: 20.00 chosen, the charge recorded
    plans = [fixed("With installation", 20.0, one_time_fee=100), fixed("Plain", 22.0)]
    out = choose(plans, FBB_5GB).loc["FBB_5GB"]
    assert (out["plan"], out["price_lcu"]) == ("With installation", 20.0)
    assert out["arithmetic"] == "fee 20 x 30/30 = 20.00; one-time charge 100 not added; total 20.00 KES per 30 days"
    # added once (the other setting): 20 + 100 = 120 > 22
    assert choose(plans, FBB_5GB, rules=Rules(one_time_charges_added=True)).loc["FBB_5GB", "plan"] == "Plain"
    added = choose(plans[:1], FBB_5GB, rules=Rules(one_time_charges_added=True)).loc["FBB_5GB"]
    assert added["price_lcu"] == 120.0 and added["arithmetic"] == ("fee 20 x 30/30 = 20.00; one-time charge 100 added; "
                                                                   "total 120.00 KES per 30 days")


def test_postpaid_fallback_only_where_no_prepaid_offer_exists():
    postpaid = plan("Post", 10.0, plan_type="postpaid", minutes=100, sms=100, data_gb=0)
    prepaid = plan("Pre", 15.0, minutes=100, sms=100, data_gb=0)
    # no prepaid plan: the postpaid plan's monthly cost (its 100 minutes cover the 50) = 10.00, noted
    out = choose([postpaid], MISR_MOBILE).loc["MOB"]
    assert (out["plan"], out["price_lcu"]) == ("Post", 10.0) and "postpaid fallback" in out["note"]
    # a prepaid offer exists: it is used even though postpaid is cheaper
    assert choose([postpaid, prepaid], MISR_MOBILE).loc["MOB", "plan"] == "Pre"
    # a promotional prepaid plan is not an eligible offer: the fallback applies
    assert choose([postpaid, prepaid | {"promotional": True}], MISR_MOBILE).loc["MOB", "plan"] == "Post"
    # fallback switched off: the postpaid plan is not a candidate, so the basket has no row (no plan of its types)
    assert choose([postpaid], MISR_MOBILE, rules=Rules(postpaid_fallback=False)).empty


def test_experimental_baskets_only_on_request_and_flagged():
    official, _ = load()
    every, _ = load(experimental=True)
    assert not official["experimental"].any() and "i271mb_1GB" not in set(official["code"])
    spans = every.set_index(["code", "experimental"])
    assert spans.loc[("i271mb_5GB", True), ["first_year", "last_year"]].tolist() == [2022, 2024]
    assert spans.loc[("i271mb_5GB", False), ["first_year", "last_year"]].tolist() == [2025, 2100]
    rules = Rules()
    plans = frame([plan("Data 10", 7.0, data_gb=10, time_period=2023)])
    assert "i271mb_5GB" not in set(choose_frame(plans, official, rules)["basket"])   # 2023: experimental only
    out = choose_frame(plans, every, rules).set_index("basket")
    assert bool(out.loc["i271mb_5GB", "experimental"]) and out.loc["i271mb_10GB", "price_lcu"] == 7.0
    assert not bool(out.loc["i271mb_2GB", "experimental"])   # official 2021-2024
    in_2025 = choose_frame(frame([plan("Data 10", 7.0, data_gb=10, time_period=2025)]), every, rules)
    flags = in_2025.set_index("basket")["experimental"].astype(bool).to_dict()
    assert flags == {"i271mb_5GB": False, "i271mb_2GB": True, "i271mb_1GB": True, "i271mb_10GB": True,
                     "i271mb_low_1GB": False, "i271mb_high_5GB": False, "i271mb_high_2GB": True}   # voice: no_plan


def frame(plans: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(plans).reindex(columns=tariff_plans.COLUMNS).astype(tariff_plans.DTYPES)


def test_2025_baskets_of_the_catalogue():
    baskets, _ = load()
    in_2025 = baskets[(baskets["first_year"] <= 2025) & (baskets["last_year"] >= 2025)].set_index("code")
    assert set(in_2025.index) == {"i154_FBB5", "i271mb_5GB", "i271mb_low_1GB", "i271mb_high_5GB"}
    assert in_2025.loc["i271mb_5GB", ["data_gb", "minutes", "sms"]].tolist() == [5, 0, 0]
    assert in_2025.loc["i271mb_low_1GB", ["data_gb", "minutes", "sms"]].tolist() == [1, 70, 50]
    assert in_2025.loc["i271mb_high_5GB", ["data_gb", "minutes", "sms"]].tolist() == [5, 140, 20]
    in_2024 = set(baskets.loc[(baskets["first_year"] <= 2024) & (baskets["last_year"] >= 2024), "code"])
    assert in_2024 == {"i154_FBB5", "i271mb_2GB", "i271mb_low_500", "i271mb_high_2GB", "i154_MobLow"}


def test_every_rule_has_a_status_and_a_note_and_unknown_settings_are_refused(tmp_path):
    rules = catalogue().rules
    assert set(rules.status) == set(rules.notes)
    assert rules.status["speed_floor_kbps"] == "secondary" and rules.status["call_mix"] == "unconfirmed"
    assert rules.call_mix is None and "Unknown" in rules.notes["call_mix"]
    assert rules.status["ppp_factor"] == "unconfirmed" and "not ITU's method" in rules.notes["ppp_factor"]
    with pytest.raises(ValueError, match="unknown collection rules"):
        baskets_frame([DATA_2GB | {"collection_rules": ["speed_floor"]}])
    path = tmp_path / "definitions.yaml"
    path.write_text("rules:\n  technology_floor: {value: 6G, status: secondary, source: a test}\nbaskets: []\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="technology_floor"):
        catalogue(path)
