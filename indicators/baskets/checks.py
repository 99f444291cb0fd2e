"""The `price_basket_checks` table: every comparison of a basket price with ITU's reported value, and how often each
kind agrees.

Checks (one row per comparison):
  pct_gni               reported % GNI vs USD / (staged World Bank GNI p.c. / 12) x 100, within 10% or rounding
  ppp                   reported PPP$ vs USD x exchange rate / factor, once per PPP factor series compared
                        (rules.ppp_factors_compared), within rules.ppp_check_tolerance
  computed_vs_reported  the basket computed from tariff plans vs ITU's reported USD price of the same code and year
share_agreeing is the share of the rows of the same check and factor that agree: for `ppp` it is the evidence the
default factor (rules.ppp_factor) is chosen by.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from indicators.baskets import definitions
from indicators.baskets.prices import CHECK_TOLERANCE, REPORTED_ROUNDING
from pipelines.core import warehouse

HERE = Path(__file__).resolve().parent
COMPUTED_TOLERANCE = 0.02
COLUMNS = ["check", "factor", "ref_area", "time_period", "basket", "reported", "recomputed", "relative_gap",
           "tolerance", "agrees", "comparisons", "share_agreeing", "source", "file", "line"]
KEY = ["ref_area", "time_period", "basket"]


def compute(con: duckdb.DuckDBPyConnection, params: dict) -> pd.DataFrame:
    """Indicator function (indicators/baskets/price_basket_checks.yaml)."""
    _, rules = definitions.load()
    baskets = con.sql("SELECT * FROM price_baskets").df()
    factors = warehouse.run_file(con, HERE / "ppp_factors.sql", params | {"factors": list(rules.ppp_factors_compared)})
    reported = baskets[baskets["method"] == "reported"]
    parts = [gni_checks(reported), ppp_checks(reported, factors, rules.ppp_check_tolerance),
             computed_vs_reported(baskets)]
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=COLUMNS)
    return summarise(out)


def gni_checks(reported: pd.DataFrame) -> pd.DataFrame:
    rows = reported[reported["pct_gni"].notna() & reported["pct_gni_recomputed"].notna()]
    out = _rows(rows, "pct_gni", None, rows["pct_gni"], rows["pct_gni_recomputed"], CHECK_TOLERANCE)
    return out.assign(agrees=out["agrees"] | ((out["recomputed"] - out["reported"]).abs() <= REPORTED_ROUNDING))


def ppp_checks(reported: pd.DataFrame, factors: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Reported PPP$ against USD x exchange rate / factor, for every factor series with a value that year."""
    rows = reported[reported["price_ppp"].notna() & reported["price_usd"].notna()]
    both = rows.merge(factors, on=["ref_area", "time_period"])
    recomputed = both["price_usd"] * both["lcu_per_usd"] / both["lcu_per_ppp_usd"]
    return _rows(both, "ppp", both["factor"], both["price_ppp"], recomputed, tolerance)


def computed_vs_reported(baskets: pd.DataFrame) -> pd.DataFrame:
    computed = baskets[(baskets["method"] == "computed") & baskets["price_usd"].notna()]
    reported = baskets[(baskets["method"] == "reported") & baskets["price_usd"].notna()]
    both = reported.merge(computed[KEY + ["price_usd"]], on=KEY, suffixes=("", "_computed"))
    return _rows(both, "computed_vs_reported", None, both["price_usd"], both["price_usd_computed"],
                 COMPUTED_TOLERANCE)


def _rows(df: pd.DataFrame, check: str, factor, reported: pd.Series, recomputed: pd.Series,
          tolerance: float) -> pd.DataFrame:
    gap = (recomputed - reported).abs() / reported
    return pd.DataFrame({"check": check, "factor": factor, "ref_area": df["ref_area"],
                         "time_period": df["time_period"], "basket": df["basket"], "reported": reported,
                         "recomputed": recomputed, "relative_gap": gap, "tolerance": tolerance,
                         "agrees": (gap <= tolerance).fillna(False), "source": df["source"], "file": df["file"],
                         "line": df["line"]}).reset_index(drop=True)


def summarise(out: pd.DataFrame) -> pd.DataFrame:
    """Add, per check and factor, the number of comparisons and the share that agrees."""
    if out.empty:
        return out.reindex(columns=COLUMNS)
    group = [out["check"], out["factor"].fillna("")]
    out["comparisons"] = out.groupby(group)["agrees"].transform("size")
    out["share_agreeing"] = out.groupby(group)["agrees"].transform(lambda a: float(np.mean(a)))
    return out[COLUMNS].sort_values(["check", "factor", *KEY], kind="stable").reset_index(drop=True)


def agreement(checks: pd.DataFrame) -> pd.DataFrame:
    """One row per check and factor: comparisons and share agreeing (the figures docs/methodology.md states)."""
    return checks.groupby(["check", checks["factor"].fillna("")]).agg(
        comparisons=("agrees", "size"), share_agreeing=("agrees", "mean"),
        median_gap=("relative_gap", "median")).reset_index()
