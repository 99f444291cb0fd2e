"""The engine (its pricing and choice in SQL) chooses what the plain loop (tests/support/reference_loop.py) chooses, on
random plans."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from benchmarks.baskets import synthetic_plans
from indicators.baskets import engine
from indicators.baskets.definitions import Rules, baskets_frame, load
from pipelines.core import tariff_plans
from support.basket_cases import DATA_2GB, VOICE, choose_frame, plan
from support.reference_loop import choose_loop

MIXED = {"code": "MIXED", "title": "140 min + 70 SMS + 1.5 GB", "years": [2020, 2030], "service": "mobile",
         "data_gb": 1.5, "minutes": 140, "sms": 70, "plan_types": ["prepaid"], "fallback_plan_types": ["postpaid"]}
RULED = DATA_2GB | {"code": "RULED", "collection_rules": ["speed_floor_kbps", "technology_floor",
                                                         "exclude_wifi_hotspot_only", "commitment_months"]}
maybe = lambda values: st.one_of(st.none(), st.sampled_from(values))   # noqa: E731

random_plan = st.fixed_dictionaries({
    "ref_area": st.sampled_from(["KEN", "UGA"]), "operator": st.sampled_from(["Operator A", "Operator B"]),
    "plan_type": st.sampled_from(["prepaid", "prepaid", "postpaid", "addon"]),
    "monthly_fee": st.sampled_from([1.0, 2.5, 4.0, 5.0, 10.0]), "validity_days": st.sampled_from([1, 7, 30]),
    "data_gb": maybe([0.5, 1.0, 2.0, 5.0]), "minutes": st.sampled_from([0, 50, 200, None]),
    "sms": st.sampled_from([0, 10, 100, None]), "price_per_extra_mb": maybe([0.001, 0.01]),
    "price_per_extra_min": maybe([0.05, 0.2]), "price_per_sms": maybe([0.02]),
    "price_per_min_on_net": maybe([0.01]), "price_per_min_off_net": maybe([0.1]), "price_per_min_fixed": maybe([0.3]),
    "promotional": st.booleans(), "taxes_included": st.sampled_from([True, True, False]),
    "speed_mbps": maybe([0.1, 0.3, 10.0]), "technology": maybe(["2G", "3G", "4G"]),
    "wifi_hotspot_only": maybe([True, False]),
    "commitment_months": maybe([0, 12, 24]), "one_time_fee": maybe([0.0, 3.0])})


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(st.lists(random_plan, min_size=1, max_size=10),
       st.sampled_from([Rules(), Rules(validity_scaling="whole_purchases"),
                        Rules(call_mix={"on_net": 0.6, "off_net": 0.3, "fixed": 0.1}),
                        Rules(one_time_charges_added=True, postpaid_fallback=False)]))
def test_engine_and_loop_agree(drawn, rules):
    shares = {"Operator A": 0.55, "Operator B": 0.45}
    rows = [plan(f"P{n}", d["monthly_fee"], **{k: v for k, v in d.items() if k != "monthly_fee"},
                 market_share=shares[d["operator"]], line=n + 2) for n, d in enumerate(drawn)]
    plans = pd.DataFrame(rows).reindex(columns=tariff_plans.COLUMNS).astype(tariff_plans.DTYPES)
    baskets = baskets_frame([DATA_2GB, VOICE, MIXED, RULED])
    fast = choose_frame(plans, baskets, rules)
    slow = choose_loop(plans, baskets, rules)
    assert set(zip(fast["ref_area"], fast["time_period"], fast["basket"])) == set(slow)
    for r in fast.itertuples():
        operator, _, price = slow[(r.ref_area, r.time_period, r.basket)]
        if price is None:
            assert r.status == "no_plan" and pd.isna(r.price_lcu)
        else:
            assert (r.operator, r.status) == (operator, "priced") and r.price_lcu == pytest.approx(price, rel=1e-9)


@pytest.mark.parametrize("first_economy_plan_type", ["addon", "prepaid"])
def test_an_economy_with_nothing_priced_keeps_the_table_types(first_economy_plan_type):
    """Found in CI when economies were priced in parts: an economy with only an add-on (no candidate at all) or only a
    plan that cannot cover any basket (all no_plan) turned the whole table's `arithmetic` into object dtype."""
    plans = pd.DataFrame([plan("P0", 1.0, plan_type=first_economy_plan_type, data_gb=0.5),
                          plan("P1", 1.0, ref_area="RWA", validity_days=1, price_per_extra_min=0.05,
                               price_per_sms=0.02, line=3)]).reindex(
        columns=tariff_plans.COLUMNS).astype(tariff_plans.DTYPES)
    baskets = baskets_frame([DATA_2GB, VOICE, MIXED, RULED])
    whole = choose_frame(plans, baskets, Rules())
    assert whole.dtypes.astype(str).to_dict() == {c: str(pd.Series(dtype=t).dtype)
                                                  for c, t in engine.CHOICE_DTYPES.items()}
    kenya = whole[whole["ref_area"] == "KEN"]
    assert set(kenya["status"]) == (set() if first_economy_plan_type == "addon" else {"no_plan"})
    assert (whole.loc[whole["ref_area"] == "RWA", "status"] == "priced").any()


def test_the_engine_gives_the_pandas_engines_frames_to_the_character():
    """The choices, notes, excluded plans and arithmetic for 320 synthetic plans (every collection rule failed somewhere,
    add-ons, fallbacks, no_plan rows) under the definitions' rules and with a call mix, as the pandas engine gave them
    before the pricing and choice moved to SQL (pandas_engine_choices.csv, written by indicators/baskets/engine.py of
    commit 15ab7d0): compared as CSV text, so every digit of every price counts."""
    plans = synthetic_plans(economies=4, years=range(2021, 2025), plans=20, seed=20261202)
    baskets, rules = load(experimental=True)
    frames = [choose_frame(plans, baskets, case_rules).assign(case=case) for case, case_rules in (
        ("definitions", rules), ("call_mix", replace(rules, call_mix={"on_net": 0.6, "off_net": 0.3, "fixed": 0.1})))]
    found = pd.concat(frames, ignore_index=True)
    assert found["excluded"].notna().sum() == 84 and (found["status"] == "no_plan").sum() == 16
    assert found.to_csv(index=False) == (Path(__file__).parent / "pandas_engine_choices.csv").read_text()
