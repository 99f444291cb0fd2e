"""The basket engine: for each economy, year and basket, the plan ITU's rules choose, and its 30-day price.

Priced in the release database (candidates.sql, choices.sql, no_plan.sql), all plans at once. Per plan and basket:
  periods   = month_days / validity_days (pro_rata) or ceil(month_days / validity_days) (whole_purchases)
  base      = monthly_fee x periods; included allowances x periods (empty allowance = unlimited)
  shortfall = basket allowance - included, per kind (data, minutes, SMS), never below 0
  data      = the cheaper of per-unit charges (shortfall GB x mb_per_gb x price_per_extra_mb) and n add-ons of the same
              operator and year (n = ceil(shortfall / add-on GB per period)); minutes and SMS at their per-unit prices
  price     = base + data + minutes + SMS; infinite (plan does not cover) when a shortfall has no way to be bought.
Eligible: non-promotional, taxes included (rules), plan type and service of the basket, no voice/SMS for data-only
baskets, and the basket's collection rules passed (speed floor, technology floor, no Wi-Fi/hotspot-only offer, the
commitment nearest to 12 months; a plan that does not state the attribute passes). A plan failing a collection rule
is listed with the rule in `excluded`, never dropped silently. Postpaid fallback (MISR mobile basket): the basket's
fallback plan types are candidates only where no eligible plan of its own types exists. One-time charges are not
added unless rules.one_time_charges_added. Choice: among operators with an eligible covering plan, the largest market
share (tie: operator name); then its cheapest plan (tie: prepaid first, then plan name; the tie is recorded). No
covering plan: a `no_plan` row saying why, never a guess. The sentences (excluded plans, notes, the arithmetic) are
written here, for the rows that have them.

In SQL, not pandas: a scale-10 release's 300,000 plans took 2 s of Python holding the interpreter's lock, while the
other indicator specs waited for it (indicators/schedule.py). The SQL does the pandas engine's arithmetic in its order,
so prices keep their last bits (tests/baskets compare the choices with a plain loop's).
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from indicators.baskets.definitions import Rules
from pipelines.core import warehouse
from pipelines.core.frames import rows
from schemas.codelists import TECHNOLOGIES

HERE = Path(__file__).resolve().parent
KEY = ["ref_area", "time_period", "basket"]
TEXT = "str"   # pandas' own text dtype, as DuckDB hands text to pandas
CHOICE_DTYPES = {"ref_area": TEXT, "time_period": "Int64", "basket": TEXT, "basket_title": TEXT, "basket_status": TEXT,
                 "experimental": "bool", "status": TEXT, "operator": TEXT, "market_share": "float64", "plan": TEXT,
                 "plan_type": TEXT, "validity_days": "Int64", "currency": TEXT, "price_lcu": "float64",
                 "arithmetic": TEXT, "excluded": TEXT, "note": TEXT, "source": TEXT, "file": TEXT, "line": "Int64"}
CHOICE_COLUMNS = list(CHOICE_DTYPES)
TIE = 1e-9


def choose(con: duckdb.DuckDBPyConnection, baskets: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """One row per economy, year and basket that has plans of the basket's service: the chosen plan (status
    `priced`) or `no_plan` with the reason. Reads the table tariff_plans (pipelines/core/tariff_plans.py) in its
    rows' order, on which ties between plans fall back; leaves temp tables basket_* on `con`."""
    spans = _entries(baskets)
    warehouse.create_from_file(con, "basket_plans", HERE / "plans.sql", temp=True)
    warehouse.write_table(con, "basket_entries", spans, temp=True)
    params = _parameters(rules) | {"entries": len(spans) + 1}
    warehouse.create_from_file(con, "basket_candidates", HERE / "candidates.sql", params, temp=True)
    warehouse.create_from_file(con, "basket_chosen", HERE / "choices.sql", params, temp=True)
    chosen = con.table("basket_chosen").df()
    chosen["note"] = _choice_notes(chosen)
    chosen["status"] = "priced"
    chosen["arithmetic"] = _arithmetic(chosen, rules).to_numpy()
    chosen["price_lcu"] = chosen["price"]
    missing = _no_plan(warehouse.run_file(con, HERE / "no_plan.sql"))
    out = pd.concat([chosen, missing], ignore_index=True) if len(missing) else chosen
    out = out.drop(columns="excluded", errors="ignore").merge(   # no_plan rows came with an empty one
        _excluded(warehouse.run_file(con, HERE / "excluded.sql"), rules), how="left", on=KEY)
    # declared dtypes: a table with no priced plan (or none at all) keeps the types of every other
    return out[CHOICE_COLUMNS].astype(CHOICE_DTYPES).sort_values(KEY, kind="stable").reset_index(drop=True)


def _entries(baskets: pd.DataFrame) -> pd.DataFrame:
    """The basket spans as the plan types they take, each basket's own types first and then its fallback ones
    (`fallback`), with the collection rules it applies as flags; `entry_order` is their order."""
    own = baskets.explode("plan_types").assign(fallback=False)
    fallback = baskets.drop(columns="plan_types").rename(columns={"fallback_plan_types": "plan_types"})
    fallback = fallback.explode("plan_types").dropna(subset=["plan_types"]).assign(fallback=True)
    both = pd.concat([own, fallback], ignore_index=True)
    rules = both["collection_rules"]
    return pd.DataFrame({
        "entry_order": range(len(both)), "basket": both["code"], "basket_title": both["title"],
        "basket_status": both["status"], "experimental": both["experimental"].astype(bool),
        "first_year": both["first_year"].astype("int64"), "last_year": both["last_year"].astype("int64"),
        "service": both["service"], "plan_type": both["plan_types"], "fallback": both["fallback"].astype(bool),
        "need_data": both["data_gb"].astype("float64"), "need_minutes": both["minutes"].astype("float64"),
        "need_sms": both["sms"].astype("float64"), "data_only": both["data_only"].astype(bool),
        **{f"{flag}_rule": rules.map(lambda r, name=name: name in r).astype(bool) for flag, name in (
            ("speed", "speed_floor_kbps"), ("technology", "technology_floor"),
            ("wifi", "exclude_wifi_hotspot_only"), ("commitment", "commitment_months"))}})


def _parameters(rules: Rules) -> dict:
    """The rules as the SQL's bound parameters."""
    mix = rules.call_mix or {}
    return {"month_days": rules.month_days, "whole_purchases": rules.validity_scaling == "whole_purchases",
            "mb_per_gb": float(rules.mb_per_gb), "taxes_included_only": rules.taxes_included_only,
            "speed_floor_kbps": float(rules.speed_floor_kbps), "technologies": list(TECHNOLOGIES),
            "technology_floor": TECHNOLOGIES.index(rules.technology_floor) + 1,
            "exclude_wifi": rules.exclude_wifi_hotspot_only, "commitment_months": rules.commitment_months,
            "one_time_added": rules.one_time_charges_added, "postpaid_fallback": rules.postpaid_fallback,
            # without a call mix, has_mix is false and the lists hold one unused entry (an empty list has no type)
            "has_mix": bool(mix), "mix_destinations": list(mix) or ["on_net"],
            "mix_weights": [float(w) for w in mix.values()] or [0.0], "mix_total": float(sum(mix.values())),
            "tie": TIE}


def _failed_sentences(failed: pd.DataFrame, rules: Rules) -> list[str]:
    """The sentence of the collection rule each excluded candidate failed."""
    def sentence(r) -> str:
        if r.failed_rule == "speed":
            return f"speed_floor_kbps: advertised {_g(r.speed_mbps * 1000)} kbit/s, below {rules.speed_floor_kbps:g}"
        if r.failed_rule == "technology":
            return f"technology_floor: {r.technology}, below {rules.technology_floor}"
        if r.failed_rule == "wifi":
            return "exclude_wifi_hotspot_only: a Wi-Fi-only or hotspot-only offer"
        return (f"commitment_months: {_g(r.commitment_months)}-month commitment; the operator's nearest to "
                f"{rules.commitment_months} is {_g(r.nearest)}")
    return [sentence(r) for r in rows(failed)]


def _g(value: float) -> str:
    """A number as short text (128, 0.5), empty where missing, for the sentences of `excluded`."""
    return "" if pd.isna(value) else f"{value:g}"


def _excluded(failed: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Per economy, year and basket, the plans a collection rule excluded, each with the rule and why (`failed`: the
    candidates that failed one, in the candidates' order)."""
    failed = failed.assign(failed_rule=_failed_sentences(failed, rules)).sort_values(["operator", "plan"],
                                                                                       kind="stable")
    listed = failed["plan"] + " (" + failed["operator"] + "): " + failed["failed_rule"]
    return listed.groupby([failed[k] for k in KEY]).agg("; ".join).rename("excluded").reset_index()


def _choice_notes(chosen: pd.DataFrame) -> pd.Series:
    notes = pd.Series("", index=chosen.index, dtype="string")
    has_tie = chosen["tied"].astype("string")
    notes = notes.mask(has_tie.notna(), "tie at the same price with " + has_tie.fillna("") +
                       " (chosen: prepaid first, then plan name)")
    shared = chosen["operators"] > 1
    notes = notes.mask(shared, (notes + "; ").str.lstrip("; ") + "several operators share the largest market share: "
                       "first by name chosen")
    skipped = chosen["largest"] > chosen["market_share"]
    notes = notes.mask(skipped, (notes + "; ").str.lstrip("; ") + "the operator with the largest market share has no "
                       "eligible plan covering the basket; next largest used")
    notes = notes.mask(chosen["fallback"].astype(bool), (notes + "; ").str.lstrip("; ") + chosen["plan_type"] +
                       " fallback: no eligible plan of the basket's own plan types in the economy and year")
    return notes.mask(notes == "")


def _arithmetic(chosen: pd.DataFrame, rules: Rules) -> pd.Series:
    """The computation a statistician can re-do, e.g. '2.62 x 30/7 = 11.23; data 3.93 GB x 1000 MB x 0.01 = 39.30;
    total 50.53 USD per 30 days'."""
    def line(r) -> str:
        scale = f"{rules.month_days}/{int(r.validity_days)}" if rules.validity_scaling == "pro_rata" else \
            f"{r.periods:g} purchases"
        parts = [f"fee {r.monthly_fee:g} x {scale} = {r.base_price:.2f}"]
        if r.short_data > 0:
            parts.append(f"data short {r.short_data:.3g} GB: {r.addon_count} x add-on {r.addon!r} at "
                         f"{r.addon_price:.2f} = {r.cost_data:.2f}" if pd.notna(r.addon) else
                         f"data short {r.short_data:.3g} GB x {rules.mb_per_gb:g} MB x {r.price_per_extra_mb:g} = "
                         f"{r.cost_data:.2f}")
        if r.short_minutes > 0:
            parts.append(f"minutes short {r.short_minutes:.4g} x {r.cost_minutes / r.short_minutes:.4g} = "
                         f"{r.cost_minutes:.2f}" + ("" if pd.notna(r.price_per_extra_min) else " (call mix)"))
        if r.short_sms > 0:
            parts.append(f"SMS short {r.short_sms:.4g} x {r.price_per_sms:g} = {r.cost_sms:.2f}")
        if r.one_time_fee > 0:
            parts.append(f"one-time charge {r.one_time_fee:g} " + ("added" if rules.one_time_charges_added else
                                                                    "not added"))
        return "; ".join(parts) + f"; total {r.price:.2f} {r.currency} per {rules.month_days} days"
    return pd.Series([line(r) for r in rows(chosen)], index=chosen.index, dtype="string")


def _no_plan(counts: pd.DataFrame) -> pd.DataFrame:
    """Economy-year-baskets with plans of the service but none eligible and covering (no_plan.sql): reported, with
    counts."""
    if counts.empty:
        return pd.DataFrame(columns=CHOICE_COLUMNS)
    counts["status"] = "no_plan"
    counts["note"] = [f"no eligible plan covers the basket: {r.n} plan(s) of the service considered, {r.promo} "
                      f"promotional, {r.untaxed} without taxes, {r.ruled} failing a collection rule (see excluded), "
                      f"{r.short} cannot reach the allowance (no per-unit price or add-on for the shortfall)"
                      for r in rows(counts)]
    return counts.reindex(columns=CHOICE_COLUMNS)
