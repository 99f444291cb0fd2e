"""Conversions to USD, PPP$ and % of monthly GNI per capita, the GNI fallback, and the cross-check of reported % GNI."""
from __future__ import annotations

import pandas as pd
import pytest

from indicators.baskets.definitions import Rules
from indicators.baskets.prices import convert, cross_check, with_itu_codes

RULES = Rules()   # GNI fallback up to 3 years back, target below 2%


def chosen(**fields) -> pd.DataFrame:
    row = {"ref_area": "KEN", "time_period": 2024, "basket": "i154_FBB5", "status": "priced", "currency": "KES",
           "price_lcu": 1000.0, "note": None} | fields
    return pd.DataFrame([row])


def rates(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ref_area", "time_period", "lcu_per_usd", "lcu_per_ppp_usd",
                                       "gni_pc_atlas_usd"])


def test_local_currency_price_converted_with_the_same_year():
    # 1000 KES / 100 KES per USD = 10 USD; 1000 / 40 = 25 PPP$; 10 / (2400 / 12) x 100 = 5 % of monthly GNI p.c.
    row = convert(chosen(), rates(("KEN", 2024, 100.0, 40.0, 2400.0)), RULES).iloc[0]
    assert (row["price_usd"], row["price_ppp"], row["pct_gni"]) == pytest.approx((10.0, 25.0, 5.0))
    assert row["gni_year"] == 2024 and row["nature"] == "C" and not row["meets_2pct_target"]
    assert row["status"] == "priced" and pd.isna(row["note"]) and row["ppp_factor"] == RULES.ppp_factor


def test_plan_quoted_in_usd_is_taken_as_is():
    # 10 USD; in local currency 10 x 100 = 1000 KES, so 1000 / 40 = 25 PPP$; 10 / (12000 / 12) x 100 = 1 % -> meets 2%
    row = convert(chosen(currency="USD", price_lcu=10.0), rates(("KEN", 2024, 100.0, 40.0, 12000.0)), RULES).iloc[0]
    assert (row["price_usd"], row["price_ppp"], row["pct_gni"]) == pytest.approx((10.0, 25.0, 1.0))
    assert bool(row["meets_2pct_target"])


def test_missing_gni_uses_the_latest_earlier_year_and_is_flagged_estimated():
    # 2024 GNI missing: 2022's 3000 is used (within 3 years): 10 / 250 x 100 = 4 %, nature E, note names 2022
    out = convert(chosen(), rates(("KEN", 2024, 100.0, 40.0, None), ("KEN", 2022, 90.0, 35.0, 3000.0),
                                  ("KEN", 2025, 110.0, 45.0, 9999.0)), RULES).iloc[0]
    assert out["pct_gni"] == pytest.approx(4.0) and out["gni_year"] == 2022 and out["nature"] == "E"
    assert "GNI per capita of 2022 used" in out["note"]


def test_gni_too_old_or_exchange_rate_missing_leave_the_conversion_empty():
    old = convert(chosen(), rates(("KEN", 2024, 100.0, 40.0, None), ("KEN", 2020, 90.0, 35.0, 3000.0)), RULES).iloc[0]
    assert old["status"] == "no_gni" and pd.isna(old["pct_gni"]) and old["price_usd"] == pytest.approx(10.0)
    no_plan = convert(chosen(status="no_plan", currency=None, price_lcu=None), rates(("KEN", 2024, 100.0, 40.0, 2400.0)),
                      RULES).iloc[0]
    assert no_plan["status"] == "no_plan" and pd.isna(no_plan["price_usd"]) and pd.isna(no_plan["nature"])
    no_fx = convert(chosen(), rates(("KEN", 2024, None, 40.0, 2400.0)), RULES).iloc[0]
    assert no_fx["status"] == "no_exchange_rate" and pd.isna(no_fx["price_usd"]) and no_fx["price_ppp"] == 25.0


def test_reported_pct_gni_is_kept_and_cross_checked_within_10_percent():
    reported = pd.DataFrame([
        # recomputed 10 / (2400 / 12) x 100 = 5.0; reported 5.3: 5.7 % apart -> agrees
        {"ref_area": "KEN", "time_period": 2024, "basket": "i154_FBB5", "price_usd": 10.0, "price_ppp": 25.0,
         "pct_gni": 5.3, "nature": "C", "source": "ITU", "note": None, "file": "f.csv", "line": 2},
        # recomputed 5.0; reported 6.0: 16.7 % apart -> differs (a warning; the reported value stays)
        {"ref_area": "UGA", "time_period": 2024, "basket": "i154_FBB5", "price_usd": 10.0, "price_ppp": 25.0,
         "pct_gni": 6.0, "nature": "C", "source": "ITU", "note": None, "file": "f.csv", "line": 3},
        {"ref_area": "TZA", "time_period": 2024, "basket": "i154_FBB5", "price_usd": 10.0, "price_ppp": 25.0,
         "pct_gni": 1.9, "nature": "C", "source": "ITU", "note": None, "file": "f.csv", "line": 4},
        # recomputed 0.1 / (24000 / 12) x 100 = 0.005; reported 0.01: 50 % apart but within the 2-decimal rounding
        {"ref_area": "DEU", "time_period": 2024, "basket": "i154_FBB5", "price_usd": 0.1, "price_ppp": 0.1,
         "pct_gni": 0.01, "nature": "C", "source": "ITU", "note": None, "file": "f.csv", "line": 5}])
    out = cross_check(reported, rates(("KEN", 2024, 1, 1, 2400.0), ("UGA", 2024, 1, 1, 2400.0),
                                      ("DEU", 2024, 1, 1, 24000.0)), RULES)
    out = out.set_index("ref_area")
    assert out["pct_gni"].tolist() == [5.3, 6.0, 1.9, 0.01]
    assert out["pct_gni_recomputed"].loc[["KEN", "UGA", "DEU"]].tolist() == pytest.approx([5.0, 5.0, 0.005])
    assert out["gni_check"].tolist() == ["agrees", "differs", "not_checked", "agrees"]
    assert "differs by more than 10%" in out.loc["UGA", "note"] and pd.isna(out.loc["KEN", "note"])
    assert out["meets_2pct_target"].tolist() == [False, False, True, True]
    assert set(out["method"]) == {"reported"} and out.loc["KEN", "basket_title"] == \
        "Fixed-broadband Internet basket (5GB) (2018-)"
    assert out["ppp_factor"].tolist() == ["as_reported"] * 4   # ITU's own factor: its source is not found


def test_plan_in_a_third_currency_goes_through_that_currency_s_usd_rate():
    # 20 EUR in Kenya (KES). EUR's USD rate in 2024: median of the euro economies' rates (DEU 0.90, FRA 0.90,
    # ITA 0.92) = 0.90 EUR per USD: 20 / 0.90 = 22.22 USD; in KES 22.22 x 100 = 2222.2; / 40 = 55.56 PPP$
    table = rates(("KEN", 2024, 100.0, 40.0, 2400.0), ("DEU", 2024, 0.90, 0.7, None), ("FRA", 2024, 0.90, 0.7, None),
                  ("ITA", 2024, 0.92, 0.6, None))
    row = convert(chosen(currency="EUR", price_lcu=20.0), table, RULES).iloc[0]
    assert (row["price_usd"], row["price_ppp"]) == pytest.approx((20 / 0.90, 20 / 0.90 * 100 / 40))
    assert row["status"] == "priced" and "quoted in EUR, not the economy's KES: converted at EUR's USD rate" in \
        row["note"]
    # no economy using GBP has a 2024 rate: refused, with the reason, never taken as KES
    row = convert(chosen(currency="GBP", price_lcu=20.0), table, RULES).iloc[0]
    assert row["status"] == "no_exchange_rate" and pd.isna(row["price_usd"]) and pd.isna(row["price_ppp"])
    assert "refused: quoted in GBP, not the economy's KES, and no USD rate for GBP in 2024" in row["note"]


def test_reported_prices_take_itu_s_code_of_their_year():
    reported = pd.DataFrame({"ref_area": "DEU", "time_period": [2017, 2018, 2021, 2023, 2025, 2019],
                             "basket": ["FBB_ITU", "FBB_ITU", "MBB_DATA_ITU", "MBB_DATA_5GB", "MBB_DATA_5GB",
                                        "MBB_DATA_5GB"], "note": None, "file": "f.csv", "line": range(2, 8)})
    out = with_itu_codes(reported)
    assert out["basket"].tolist() == ["i154_FBB", "i154_FBB5", "i271mb_2GB", "i271mb_5GB", "i271mb_5GB",
                                      "i271mb_5GB"]
    # 5 GB data-only: experimental 2022-2024, official from 2025; 2019 is in neither span (said in the note)
    assert out["experimental"].tolist()[:5] == [False, False, False, True, False] and pd.isna(out["experimental"][5])
    assert "outside ITU's catalogue years" in out["note"][5] and out["note"][:5].isna().all()


def test_one_reported_price_per_itu_code_and_year_the_other_source_in_the_note():
    # ARM 2021: DataHub reports i154_FBB5 itself (FBB_5GB); the workbook extract gives its i154_FBB series (FBB_ITU,
    # which is i154_FBB5 from 2018) with another vintage's values: DataHub's row is kept, the workbook's is noted
    reported = pd.DataFrame({"ref_area": "ARM", "time_period": [2021, 2021, 2017],
                             "basket": ["FBB_ITU", "FBB_5GB", "FBB_ITU"], "price_usd": [11.0, 10.0, 9.0],
                             "price_ppp": [26.0, 25.0, None], "pct_gni": [3.1, 2.9, 3.0], "note": None,
                             "file": ["wb.csv", "dh.csv", "wb.csv"], "line": [9, 5, 8]})
    out = with_itu_codes(reported).set_index(["time_period", "basket"])
    assert len(out) == 2 and out.loc[(2021, "i154_FBB5"), ["price_usd", "file"]].tolist() == [10.0, "dh.csv"]
    assert out.loc[(2021, "i154_FBB5"), "note"] == "also reported in wb.csv line 9 as FBB_ITU: USD 11.0, PPP$ 26.0, " \
                                                   "% GNI 3.1"
    assert pd.isna(out.loc[(2017, "i154_FBB"), "note"])
