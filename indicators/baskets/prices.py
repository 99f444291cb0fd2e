"""The `price_baskets` table: baskets computed from tariff plans, and basket prices as reported, converted and checked.

Conversions (METHODOLOGY 4.1): USD = price / exchange rate (a plan quoted in USD is taken as is: plans are assumed
to be quoted in USD or in the economy's own currency); PPP$ = price in local currency / PPP factor; % GNI =
USD / (GNI p.c. Atlas / 12) x 100. GNI fallback: when the year's GNI is missing, the latest earlier year up to
rules.gni_fallback_max_years back, not adjusted for inflation (status unconfirmed), and the row's nature is E.
Reported prices are published as reported; their % GNI recomputed from the USD price and the staged World Bank GNI of
the same year is a cross-check (gni_check = 'differs' beyond CHECK_TOLERANCE and beyond the reported rounding: a
warning, not a correction).
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from indicators.baskets import definitions, engine
from pipelines.core import reference as ref, warehouse

HERE = Path(__file__).resolve().parent
CHECK_TOLERANCE = 0.10
REPORTED_ROUNDING = 0.005   # reported % GNI has 2 decimals: a smaller gap is rounding, whatever its relative size
COLUMNS = ["ref_area", "time_period", "basket", "method", "status", "basket_title", "basket_status", "operator",
           "market_share", "plan", "plan_type", "validity_days", "price_lcu", "currency", "price_usd", "price_ppp",
           "pct_gni", "meets_2pct_target", "gni_year", "pct_gni_recomputed", "gni_check", "arithmetic", "nature",
           "source", "note", "file", "line"]


def compute(con: duckdb.DuckDBPyConnection, params: dict) -> pd.DataFrame:
    """Indicator function (indicators/baskets/price_baskets.yaml)."""
    baskets, rules = definitions.load()
    plans = con.sql("SELECT * FROM tariff_plans").df()
    rates = warehouse.run_file(con, HERE / "conversion_rates.sql", params)
    reported = warehouse.run_file(con, HERE / "reported_prices.sql", params)
    computed = convert(engine.choose(plans, baskets, rules), rates, rules) if len(plans) else pd.DataFrame()
    frames = [f for f in (computed, cross_check(reported, rates, rules)) if len(f)]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return out.reindex(columns=COLUMNS).sort_values(["ref_area", "time_period", "basket", "method"],
                                                    kind="stable").reset_index(drop=True)


def convert(chosen: pd.DataFrame, rates: pd.DataFrame, rules: definitions.Rules) -> pd.DataFrame:
    """USD, PPP$ and % GNI for the engine's choices, with the GNI year used, the nature and the status."""
    out = chosen.assign(time_period=chosen["time_period"].astype("int64"), method="computed")
    out = out.merge(rates[["ref_area", "time_period", "lcu_per_usd", "lcu_per_ppp_usd"]], how="left",
                    on=["ref_area", "time_period"])
    out = _with_gni(out, rates, rules)
    in_usd = out["currency"] == "USD"
    price = out["price_lcu"].astype("float64")
    out["price_usd"] = np.where(in_usd, price, price / out["lcu_per_usd"])
    local = np.where(in_usd, price * out["lcu_per_usd"], price)
    out["price_ppp"] = local / out["lcu_per_ppp_usd"]
    out["pct_gni"] = _pct_of_monthly_gni(out["price_usd"], out["gni_pc_atlas_usd"])
    out["meets_2pct_target"] = _meets_target(out["pct_gni"], rules)
    priced = out["status"] == "priced"
    out.loc[priced & out["price_usd"].isna(), "status"] = "no_exchange_rate"
    out.loc[priced & out["price_usd"].notna() & out["pct_gni"].isna(), "status"] = "no_gni"
    fallback = out["pct_gni"].notna() & (out["gni_year"] != out["time_period"])
    out["nature"] = np.where(fallback, "E", np.where(out["price_lcu"].notna(), "C", None))
    notes = pd.Series(np.where(fallback, "GNI per capita of " + out["gni_year"].astype("Int64").astype("string") +
                               " used (year missing; not adjusted for inflation)", None), index=out.index)
    notes = notes.mask(priced & out["price_ppp"].isna() & out["price_usd"].notna(), "no PPP conversion factor")
    out["note"] = _join(out["note"], notes)
    out["gni_check"] = "not_applicable"
    return out


def cross_check(reported: pd.DataFrame, rates: pd.DataFrame, rules: definitions.Rules) -> pd.DataFrame:
    """Reported prices as reported, with % GNI recomputed from their USD price and the same year's staged GNI."""
    if reported.empty:
        return reported
    out = reported.merge(rates[["ref_area", "time_period", "gni_pc_atlas_usd"]], how="left",
                         on=["ref_area", "time_period"])
    out["method"], out["status"], out["currency"] = "reported", "reported", "USD"
    titles = ref.codelists().query("codelist == 'BASKET'").set_index("code")
    out["basket_title"] = out["basket"].map(titles["label"])
    out["basket_status"] = out["basket"].map(titles["status"])
    out["pct_gni_recomputed"] = _pct_of_monthly_gni(out["price_usd"], out["gni_pc_atlas_usd"])
    difference = (out["pct_gni_recomputed"] - out["pct_gni"]).abs()
    agrees = (difference / out["pct_gni"] <= CHECK_TOLERANCE) | (difference <= REPORTED_ROUNDING)
    out["gni_check"] = np.where(difference.isna(), "not_checked", np.where(agrees, "agrees", "differs"))
    out["gni_year"] = out["time_period"].where(out["gni_pc_atlas_usd"].notna())
    out["meets_2pct_target"] = _meets_target(out["pct_gni"], rules)
    warning = pd.Series(np.where(out["gni_check"] == "differs", "% GNI recomputed from USD and World Bank GNI: " +
                                 out["pct_gni_recomputed"].round(2).astype("string") + " (differs by more than "
                                 f"{CHECK_TOLERANCE:.0%})", None), index=out.index)
    out["note"] = _join(out["note"], warning)
    return out


def _pct_of_monthly_gni(price_usd: pd.Series, gni_pc_atlas_usd: pd.Series) -> pd.Series:
    return price_usd / (gni_pc_atlas_usd / 12) * 100


def _meets_target(pct_gni: pd.Series, rules: definitions.Rules) -> pd.Series:
    """Below the target (2% of monthly GNI p.c.); empty without a % GNI."""
    return (pct_gni < rules.target_pct_gni).where(pct_gni.notna())


def _with_gni(out: pd.DataFrame, rates: pd.DataFrame, rules: definitions.Rules) -> pd.DataFrame:
    """Attach the GNI p.c. of the year, else of the latest earlier year within the fallback window (gni_year)."""
    gni = rates.loc[rates["gni_pc_atlas_usd"].notna(), ["ref_area", "time_period", "gni_pc_atlas_usd"]]
    gni = gni.assign(gni_year=gni["time_period"]).sort_values("time_period")
    ordered = out.reset_index().sort_values("time_period")
    merged = pd.merge_asof(ordered, gni, on="time_period", by="ref_area", direction="backward",
                           tolerance=rules.gni_fallback_max_years)
    return merged.set_index("index").sort_index().rename_axis(None)


def _join(first: pd.Series, second: pd.Series) -> pd.Series:
    a, b = first.astype("string"), second.astype("string")
    both = a.notna() & b.notna()
    return a.where(~both, a + "; " + b).fillna(b)
