"""The basket engine on hand-computed plans: each case writes its arithmetic beside the expected price."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from support.basket_cases import DATA_2GB, FBB_5GB, VOICE, choose, plan

from indicators.baskets.definitions import Rules, baskets_frame, load


def test_allowance_met_exactly():
    # 5 GB plan for a 5 GB basket: no shortfall, price = fee = 20.00
    out = choose([plan("Home 5 GB", 20.0, service="fixed_broadband", data_gb=5, speed_mbps=10)], FBB_5GB)
    row = out.loc["FBB_5GB"]
    assert (row["status"], row["plan"], row["price_lcu"]) == ("priced", "Home 5 GB", 20.0)
    assert row["arithmetic"] == "fee 20 x 30/30 = 20.00; total 20.00 KES per 30 days"


def test_allowance_exceeded_via_per_unit_charges():
    # 1 GB plan at 5.00 + (2 - 1) GB x 1000 MB x 0.01 per MB = 5.00 + 10.00 = 15.00, cheaper than 2 GB at 16.00
    out = choose([plan("1 GB", 5.0, data_gb=1, price_per_extra_mb=0.01), plan("2 GB", 16.0, data_gb=2)], DATA_2GB)
    row = out.loc["DATA_2GB"]
    assert row["plan"] == "1 GB" and row["price_lcu"] == pytest.approx(15.0)
    assert "data short 1 GB x 1000 MB x 0.01 = 10.00" in row["arithmetic"]


def test_allowance_exceeded_via_several_add_ons():
    # 0.5 GB plan at 3.00; shortfall 1.5 GB. Per MB: 1500 x 0.01 = 15.00. Add-ons of 0.5 GB at 2.00 (30 days):
    # ceil(1.5 / 0.5) = 3 add-ons = 6.00, cheaper. Price 3.00 + 6.00 = 9.00.
    out = choose([plan("Small", 3.0, data_gb=0.5, price_per_extra_mb=0.01),
                  plan("Booster 500 MB", 2.0, plan_type="addon", data_gb=0.5)], DATA_2GB)
    row = out.loc["DATA_2GB"]
    assert row["plan"] == "Small" and row["price_lcu"] == pytest.approx(9.0)
    assert "3 x add-on 'Booster 500 MB' at 2.00 = 6.00" in row["arithmetic"]


def test_an_add_on_too_small_to_count_is_no_offer_and_stops_nothing():
    # 1.5 GB short; an add-on of 1e-22 GB would take 1.5e22 of them, past a 64-bit count: it is no offer, and the
    # plan is priced per MB instead: 3.00 + 1500 x 0.01 = 18.00
    out = choose([plan("Small", 3.0, data_gb=0.5, price_per_extra_mb=0.01),
                  plan("Crumb", 0.01, plan_type="addon", data_gb=1e-22)], DATA_2GB)
    row = out.loc["DATA_2GB"]
    assert row["plan"] == "Small" and row["price_lcu"] == pytest.approx(18.0) and "add-on" not in row["arithmetic"]


def test_add_ons_of_another_operator_do_not_count():
    # Operator A's only plan falls 1.5 GB short with no per-unit price; Operator B's add-on cannot fill it
    out = choose([plan("Small", 3.0, data_gb=0.5),
                  plan("Booster", 2.0, plan_type="addon", data_gb=1, operator="Operator B", market_share=0.3)],
                 DATA_2GB)
    assert out.loc["DATA_2GB", "status"] == "no_plan"


def test_seven_day_plan_scaled_to_30_days():
    # 2.10 for 7 days with 1 GB: x 30/7 = 9.00 for 30 days with 4.29 GB (covers 2 GB); beats a 30-day plan at 9.50
    weekly = plan("Weekly 1 GB", 2.10, data_gb=1, validity_days=7)
    monthly = plan("Monthly 2 GB", 9.50, data_gb=2)
    row = choose([weekly, monthly], DATA_2GB).loc["DATA_2GB"]
    assert row["plan"] == "Weekly 1 GB" and row["price_lcu"] == pytest.approx(9.0)
    assert row["arithmetic"].startswith("fee 2.1 x 30/7 = 9.00")
    # whole purchases instead: ceil(30/7) = 5 x 2.10 = 10.50, so the 30-day plan at 9.50 wins
    whole = Rules(validity_scaling="whole_purchases")
    row = choose([weekly, monthly], DATA_2GB, rules=whole).loc["DATA_2GB"]
    assert row["plan"] == "Monthly 2 GB" and row["price_lcu"] == pytest.approx(9.5)


def test_cheaper_postpaid_plan_beats_prepaid():
    out = choose([plan("Prepaid 2 GB", 12.0, data_gb=2), plan("Postpaid 3 GB", 10.0, data_gb=3, plan_type="postpaid")],
                 DATA_2GB)
    assert out.loc["DATA_2GB", ["plan", "plan_type", "price_lcu"]].tolist() == ["Postpaid 3 GB", "postpaid", 10.0]


def test_promotional_and_untaxed_plans_are_ignored():
    out = choose([plan("Promo 5 GB", 5.0, data_gb=5, promotional=True), plan("Net of tax", 6.0, data_gb=5,
                                                                              taxes_included=False),
                  plan("Regular 2 GB", 12.0, data_gb=2)], DATA_2GB)
    assert out.loc["DATA_2GB", ["plan", "price_lcu"]].tolist() == ["Regular 2 GB", 12.0]


def test_a_tie_is_resolved_prepaid_first_and_recorded():
    out = choose([plan("Z postpaid", 10.0, data_gb=2, plan_type="postpaid"), plan("Y prepaid", 10.0, data_gb=3),
                  plan("X prepaid", 10.0, data_gb=4)], DATA_2GB)
    row = out.loc["DATA_2GB"]
    assert row["plan"] == "X prepaid"   # same price: prepaid before postpaid, then plan name
    assert row["note"].startswith("tie at the same price with Y prepaid, Z postpaid")


def test_no_plan_covering_the_basket_is_reported_not_guessed():
    # 1 GB and no per-unit price or add-on: cannot reach 2 GB; the promotional 5 GB plan is not eligible
    out = choose([plan("1 GB", 5.0, data_gb=1), plan("Promo", 4.0, data_gb=5, promotional=True)], DATA_2GB)
    row = out.loc["DATA_2GB"]
    assert row["status"] == "no_plan" and pd.isna(row["plan"]) and pd.isna(row["price_lcu"])
    assert row["note"] == ("no eligible plan covers the basket: 2 plan(s) of the service considered, 1 promotional, "
                           "0 without taxes, 0 failing a collection rule (see excluded), 1 cannot reach the allowance "
                           "(no per-unit price or add-on for the shortfall)")


def test_largest_operator_wins_over_a_cheaper_smaller_one():
    out = choose([plan("A 2 GB", 12.0, data_gb=2), plan("B 2 GB", 8.0, data_gb=2, operator="Operator B",
                                                        market_share=0.3)], DATA_2GB)
    assert out.loc["DATA_2GB", ["operator", "price_lcu"]].tolist() == ["Operator A", 12.0]
    # when the largest operator cannot cover the basket, the next largest is used and the note says so
    out = choose([plan("A 1 GB", 5.0, data_gb=1), plan("B 2 GB", 8.0, data_gb=2, operator="Operator B",
                                                       market_share=0.3)], DATA_2GB)
    assert out.loc["DATA_2GB", "operator"] == "Operator B"
    assert "largest market share has no eligible plan" in out.loc["DATA_2GB", "note"]


def test_voice_basket_buys_missing_minutes_and_sms():
    # 50 min + 10 SMS included at 5.00; 20 min x 0.10 + 10 SMS x 0.05 = 2.00 + 0.50; total 7.50
    voice = plan("Talk 50", 5.0, minutes=50, sms=10, price_per_extra_min=0.10, price_per_sms=0.05, data_gb=0)
    unlimited = plan("Unlimited", 8.0, minutes=None, sms=None, data_gb=1)   # empty = unlimited: 8.00
    row = choose([voice, unlimited], VOICE).loc["VOICE"]
    assert row["plan"] == "Talk 50" and row["price_lcu"] == pytest.approx(7.5)
    assert "minutes short 20 x 0.1 = 2.00" in row["arithmetic"] and "SMS short 10 x 0.05 = 0.50" in row["arithmetic"]


def test_data_only_basket_ignores_plans_with_voice_and_years_outside_the_definition():
    out = choose([plan("Bundle", 3.0, data_gb=5, minutes=100, sms=100), plan("Old", 1.0, data_gb=5, time_period=2019),
                  plan("Data", 9.0, data_gb=5)], DATA_2GB)
    assert list(out.index) == ["DATA_2GB"] and out.loc["DATA_2GB", "plan"] == "Data"
    assert not math.isnan(out.loc["DATA_2GB", "price_lcu"])


def test_definitions_refuse_overlapping_years_and_rules_without_status(tmp_path):
    with pytest.raises(ValueError, match="overlapping"):
        baskets_frame([DATA_2GB, DATA_2GB | {"years": [2025, 2035]}])
    path = tmp_path / "definitions.yaml"
    path.write_text("rules:\n  month_days: {value: 30, source: days a month}\nbaskets: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="month_days"):
        load(path)
    path.write_text("rules:\n  call_mix: {value: {on_net: 0.5, roaming: 0.5}, status: unconfirmed, source: x}\n"
                    "baskets: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="call_mix destinations must be among on_net, off_net, fixed .*, not roaming"):
        load(path)


def test_minutes_priced_by_destination_only_with_a_configured_call_mix():
    # 50 min + 10 SMS at 5.00, extra minutes priced only by destination (on-net 0.05, off-net 0.15, fixed 0.20)
    talk = plan("Talk 50", 5.0, minutes=50, sms=10, price_per_sms=0.05, data_gb=0, price_per_min_on_net=0.05,
                price_per_min_off_net=0.15, price_per_min_fixed=0.20)
    assert choose([talk], VOICE).loc["VOICE", "status"] == "no_plan"   # no call mix configured: minutes not bought
    # mix 50/30/20: 0.5 x 0.05 + 0.3 x 0.15 + 0.2 x 0.20 = 0.11 per minute; 20 x 0.11 = 2.20; 10 SMS x 0.05 = 0.50
    mixed = Rules(call_mix={"on_net": 50, "off_net": 30, "fixed": 20})
    row = choose([talk], VOICE, rules=mixed).loc["VOICE"]
    assert row["price_lcu"] == pytest.approx(7.70)
    assert "minutes short 20 x 0.11 = 2.20 (call mix)" in row["arithmetic"]
