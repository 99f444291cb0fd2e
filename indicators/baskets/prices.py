"""The `price_baskets` table: baskets computed from tariff plans, and basket prices as reported, converted and checked.

Conversions (METHODOLOGY 4.1): USD = price / exchange rate of the plan's currency in the same year (USD: 1; the
economy's own currency, pipelines/reference/economy_currencies.csv: its World Bank rate; a third currency: the median
rate of the economies using it, or refused as no_exchange_rate with the reason); PPP$ = price in local currency / the
PPP factor series named by rules.ppp_factor (published in `ppp_factor`); % GNI = USD / (GNI p.c. Atlas / 12) x 100. GNI fallback: when the year's GNI is missing, the latest earlier year up to
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
from pipelines.core import warehouse
from schemas import reference as ref

HERE = Path(__file__).resolve().parent
CHECK_TOLERANCE = 0.10
REPORTED_ROUNDING = 0.005   # reported % GNI has 2 decimals: a smaller gap is rounding, whatever its relative size
REPORTED_FACTOR = "as_reported"   # reported PPP$: ITU's own factor, whose source is not found (METHODOLOGY 4.3)
COLUMNS = ["ref_area", "time_period", "basket", "method", "status", "basket_title", "basket_status", "experimental",
           "operator", "market_share", "plan", "plan_type", "validity_days", "price_lcu", "currency", "price_usd",
           "price_ppp", "ppp_factor", "pct_gni", "meets_2pct_target", "gni_year", "pct_gni_recomputed", "gni_check",
           "arithmetic", "excluded", "nature", "source", "note", "file", "line"]


def compute(con: duckdb.DuckDBPyConnection, params: dict) -> pd.DataFrame:
    """Indicator function (indicators/baskets/price_baskets.yaml)."""
    baskets, rules = definitions.load()
    rates = warehouse.run_file(con, HERE / "conversion_rates.sql", params | {"ppp_factor": rules.ppp_factor})
    reported = with_itu_codes(warehouse.run_file(con, HERE / "reported_prices.sql", params))
    chosen = engine.choose(con, baskets, rules)
    computed = convert(chosen, rates, rules) if len(chosen) else pd.DataFrame()
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
    plan_rate, local_currency, currency_note = _plan_currency_rate(out, rates)
    price = out["price_lcu"].astype("float64")
    out["price_usd"] = price / plan_rate
    local = price.where(local_currency, out["price_usd"] * out["lcu_per_usd"])
    out["price_ppp"] = local / out["lcu_per_ppp_usd"]
    out["ppp_factor"] = np.where(out["price_ppp"].notna(), rules.ppp_factor, None)
    out["pct_gni"] = _pct_of_monthly_gni(out["price_usd"], out["gni_pc_atlas_usd"])
    out["meets_2pct_target"] = _meets_target(out["pct_gni"], rules)
    priced = out["status"] == "priced"
    out.loc[priced & out["price_usd"].isna(), "status"] = "no_exchange_rate"
    out.loc[priced & out["price_usd"].notna() & out["pct_gni"].isna(), "status"] = "no_gni"
    fallback = out["pct_gni"].notna() & (out["gni_year"] != out["time_period"])
    out["nature"] = np.where(fallback, "E", np.where(out["price_lcu"].notna(), "C", None))
    notes = pd.Series(np.where(fallback, "GNI per capita of " + out["gni_year"].astype("Int64").astype("string") +
                               " used (year missing; not adjusted for inflation)", None), index=out.index)
    notes = notes.mask(priced & out["price_ppp"].isna() & out["price_usd"].notna(),
                       f"no PPP conversion factor ({rules.ppp_factor})")
    out["note"] = _join(_join(out["note"], currency_note.where(out["price_lcu"].notna())), notes)
    out["gni_check"] = "not_applicable"
    return out


def _plan_currency_rate(out: pd.DataFrame, rates: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(currency units per USD for each plan's currency and year, whether the plan is in the economy's own currency,
    a note where it is in a third one).

    USD is 1; the economy's own currency (or an economy without a listed currency) uses its exchange rate; a third
    currency uses the median rate of the economies whose currency it is that year, NaN (refused) when there is none."""
    currency = out["currency"].astype("string")
    own = economy_currency(out["ref_area"], out["time_period"])
    in_usd = (currency == "USD").fillna(False).astype(bool)   # no currency: a no_plan row
    third = (~in_usd & own.notna() & (currency != own)).fillna(False).astype(bool)
    by_currency = currency_rates(rates)
    third_rate = pd.MultiIndex.from_arrays([currency, out["time_period"]]).map(by_currency.get)
    rate = np.where(in_usd, 1.0, np.where(third, pd.to_numeric(third_rate), out["lcu_per_usd"]))
    rate = pd.Series(rate, index=out.index, dtype="float64")
    year = out["time_period"].astype("string")
    note = pd.Series(np.where(
        third, np.where(rate.notna(), "quoted in " + currency + ", not the economy's " + own.fillna("") +
                        ": converted at " + currency + "'s USD rate of " + year + " (" + rate.round(6).astype(
                            "string").fillna("") + ")",
                        "refused: quoted in " + currency + ", not the economy's " + own.fillna("") +
                        ", and no USD rate for " + currency + " in " + year), None), index=out.index)
    return rate, ~in_usd & ~third, note.astype("string")


def economy_currency(ref_area: pd.Series, year: pd.Series) -> pd.Series:
    """Each economy's own currency in the year (NA where the reference lists none)."""
    table = ref.economy_currencies()
    keyed = pd.DataFrame({"iso3": ref_area.to_numpy(), "year": year.astype("int64").to_numpy()}).reset_index()
    merged = keyed.merge(table, how="left", on="iso3")
    fits = merged["currency"].notna() & (merged["first_year"].isna() | (merged["year"] >= merged["first_year"])) & \
        (merged["last_year"].isna() | (merged["year"] <= merged["last_year"]))
    found = merged[fits].drop_duplicates("index").set_index("index")["currency"]
    return found.reindex(range(len(keyed))).set_axis(ref_area.index).astype("string")


def currency_rates(rates: pd.DataFrame) -> dict[tuple[str, int], float]:
    """{(currency, year): units per USD}: the median World Bank rate of the economies using the currency."""
    fx = rates.loc[rates["lcu_per_usd"].notna(), ["ref_area", "time_period", "lcu_per_usd"]]
    fx = fx.assign(currency=economy_currency(fx["ref_area"], fx["time_period"])).dropna(subset=["currency"])
    return fx.groupby(["currency", "time_period"])["lcu_per_usd"].median().to_dict()


def with_itu_codes(reported: pd.DataFrame) -> pd.DataFrame:
    """Reported prices under ITU's basket code of their year (definitions.yaml reported_as), flagged experimental
    where the year is one ITU publishes the basket as experimental only. Where two sources give the same code and
    year, the one reporting under that code alone (ITU DataHub) is kept and the other's values go into its note."""
    if reported.empty:
        return reported.assign(experimental=pd.Series(dtype="boolean"))
    cat = definitions.catalogue()
    spans = cat.baskets[["code", "first_year", "last_year", "experimental"]]
    options = pd.DataFrame([(b, c, order) for b, codes in cat.reported_as.items() for order, c in enumerate(codes)],
                           columns=["breakdown", "code", "order"])
    rows = reported.reset_index().rename(columns={"basket": "breakdown"})
    merged = rows.merge(options, how="left", on="breakdown").merge(spans, how="left", on="code")
    inside = (merged["time_period"] >= merged["first_year"]) & (merged["time_period"] <= merged["last_year"])
    merged = merged.assign(_rank=np.where(inside, 0, 1)).sort_values(["index", "_rank", "experimental", "order"],
                                                                      kind="stable")
    best = merged.drop_duplicates("index").set_index("index").sort_index()
    inside_best = (best["time_period"] >= best["first_year"]) & (best["time_period"] <= best["last_year"])
    out = reported.copy()
    out["basket"] = best["code"].fillna(best["breakdown"])
    out["experimental"] = best["experimental"].where(inside_best).astype("boolean")
    outside = pd.Series(np.where(~inside_best, "reported as " + best["breakdown"] + ": the year is outside ITU's "
                                 "catalogue years for this basket", None), index=out.index, dtype="string")
    out["note"] = _join(out["note"], outside)
    out["_options"] = best["breakdown"].map(lambda b: len(cat.reported_as.get(b, ())))
    return _one_per_code(out.assign(_reported_as=best["breakdown"]))


def _one_per_code(out: pd.DataFrame) -> pd.DataFrame:
    key = ["ref_area", "time_period", "basket"]
    ordered = out.sort_values(key + ["_options", "file", "line"], kind="stable")
    repeated = ordered.duplicated(key, keep="first")
    if not repeated.any():
        return out.drop(columns=["_options", "_reported_as"])
    also = ordered[repeated]
    values = lambda col: also[col].astype("string").fillna("-")   # noqa: E731
    text = ("also reported in " + also["file"].astype("string") + " line " + also["line"].astype("string") +
            " as " + also["_reported_as"] + ": USD " + values("price_usd") + ", PPP$ " + values("price_ppp") +
            ", % GNI " + values("pct_gni"))
    notes = text.groupby([also[k] for k in key]).agg("; ".join).rename("_also")
    kept = ordered[~repeated].merge(notes, how="left", left_on=key, right_index=True)
    kept["note"] = _join(kept["note"], kept["_also"])
    return kept.drop(columns=["_options", "_reported_as", "_also"]).sort_index()


def cross_check(reported: pd.DataFrame, rates: pd.DataFrame, rules: definitions.Rules) -> pd.DataFrame:
    """Reported prices as reported, with % GNI recomputed from their USD price and the same year's staged GNI."""
    if reported.empty:
        return reported
    out = reported.merge(rates[["ref_area", "time_period", "gni_pc_atlas_usd"]], how="left",
                         on=["ref_area", "time_period"])
    out["method"], out["status"], out["currency"] = "reported", "reported", "USD"
    out["ppp_factor"] = np.where(out["price_ppp"].notna(), REPORTED_FACTOR, None)
    titles = definitions.catalogue().baskets.drop_duplicates("code").set_index("code")
    out["basket_title"] = out["basket"].map(titles["title"])
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
