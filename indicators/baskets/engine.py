"""The basket engine: for each economy, year and basket, the plan ITU's rules choose, and its 30-day price.

Vectorised over all plans at once (pandas/numpy), no loop per economy. Per plan and basket:
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
covering plan: a `no_plan` row saying why, never a guess.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.baskets.definitions import Rules
from pipelines.core.frames import rows
from schemas.codelists import TECHNOLOGIES

KEY = ["ref_area", "time_period", "basket"]
TEXT = "str"   # pandas' own text dtype, as DuckDB hands text to pandas
CHOICE_DTYPES = {"ref_area": TEXT, "time_period": "Int64", "basket": TEXT, "basket_title": TEXT, "basket_status": TEXT,
                 "experimental": "bool", "status": TEXT, "operator": TEXT, "market_share": "float64", "plan": TEXT,
                 "plan_type": TEXT, "validity_days": "Int64", "currency": TEXT, "price_lcu": "float64",
                 "arithmetic": TEXT, "excluded": TEXT, "note": TEXT, "source": TEXT, "file": TEXT, "line": "Int64"}
CHOICE_COLUMNS = list(CHOICE_DTYPES)
TIE = 1e-9
PART_PLANS = 50_000
CARRIED = ["currency", "source", "file", "line"]   # plans priced at once (choose)


def candidates(plans: pd.DataFrame, baskets: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Every (plan, basket) pair of the same service, plan type and year, priced for 30 days (`price` = inf when the
    plan cannot cover the basket), with `eligible` (non-promotional, taxed, passing the basket's collection rules),
    `failed_rule` and the parts of the arithmetic."""
    base = plans[plans["plan_type"] != "addon"]
    own = baskets.explode("plan_types").assign(fallback=False)
    fallback = baskets.drop(columns="plan_types").rename(columns={"fallback_plan_types": "plan_types"})
    fallback = fallback.explode("plan_types").dropna(subset=["plan_types"]).assign(fallback=True)
    entries = pd.concat([own, fallback], ignore_index=True).rename(columns={
        "code": "basket", "title": "basket_title", "status": "basket_status", "plan_types": "plan_type",
        "data_gb": "need_data", "minutes": "need_minutes", "sms": "need_sms"})
    entries = entries[["basket", "basket_title", "basket_status", "experimental", "first_year", "last_year",
                       "service", "plan_type", "fallback", "need_data", "need_minutes", "need_sms", "data_only",
                       "collection_rules"]]
    plan_rows, entry_rows = _pairs(base, entries)
    cand = pd.concat([base.iloc[plan_rows].reset_index(drop=True),
                      entries.drop(columns=["service", "plan_type"]).iloc[entry_rows].reset_index(drop=True)], axis=1)
    cand["failed_rule"] = failed_rules(cand, rules)
    cand["eligible"] = _eligible(cand, rules) & cand["failed_rule"].isna()
    cand = _postpaid_fallback(cand, rules)
    cand["periods"] = _periods(cand["validity_days"], rules)
    cand["base_price"] = cand["monthly_fee"] * cand["periods"]
    cand["cost_one_time"] = cand["one_time_fee"].fillna(0) if rules.one_time_charges_added else 0.0
    for kind, allowance, price, per_unit in (("data", "data_gb", "price_per_extra_mb", rules.mb_per_gb),
                                             ("minutes", "minutes", "price_per_extra_min", 1),
                                             ("sms", "sms", "price_per_sms", 1)):
        included = cand[allowance].fillna(np.inf) * cand["periods"]
        short = np.clip(cand[f"need_{kind}"] - included, 0, None)
        cand[f"short_{kind}"] = short
        unit = (cand[price].fillna(by_destination(cand, rules)) if kind == "minutes" else cand[price]).to_numpy()
        cand[f"cost_{kind}"] = np.where(short > 0, np.where(np.isnan(unit), np.inf, short * per_unit * unit), 0.0)
    _cheaper_addons(cand, plans, rules)
    cand["price"] = cand["base_price"] + cand["cost_data"] + cand["cost_minutes"] + cand["cost_sms"] + \
        cand["cost_one_time"]
    return cand


def _pairs(plans: pd.DataFrame, entries: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(plan positions, entry positions) of each plan and basket entry of the same service and plan type whose years
    hold the plan's (a data-only entry: plans with no minutes and no SMS only), plan by plan and then in the entries'
    order, as merging the two on service and plan type would pair them. Found per entry on the plans' codes: merging
    and filtering whole plan rows took most of the engine's time at scale 10."""
    kind, kinds = pd.MultiIndex.from_frame(plans[["service", "plan_type"]]).factorize()
    code = {pair: n for n, pair in enumerate(kinds)}
    year = plans["time_period"].astype("int64").to_numpy()
    voiceless = ((plans["minutes"] == 0) & (plans["sms"] == 0)).to_numpy(dtype=bool)
    found = [(np.flatnonzero((kind == code.get((e.service, e.plan_type), -2)) & (year >= e.first_year)
                             & (year <= e.last_year) & (voiceless | (not e.data_only))), n)
             for n, e in enumerate(entries.itertuples(index=False))]
    plan_rows = np.concatenate([rows for rows, _ in found] + [np.empty(0, dtype=np.int64)])
    entry_rows = np.concatenate([np.full(len(rows), n) for rows, n in found] + [np.empty(0, dtype=np.int64)])
    order = np.lexsort((entry_rows, plan_rows))
    return plan_rows[order], entry_rows[order]


def by_destination(plans: pd.DataFrame, rules: Rules) -> pd.Series:
    """Per-minute price from the on-net / off-net / fixed prices weighted by rules.call_mix (NaN without a mix or
    with a price missing): used where a plan gives no single price_per_extra_min."""
    if not rules.call_mix:
        return pd.Series(np.nan, index=plans.index)
    total = sum(rules.call_mix.values())
    return sum(plans[f"price_per_min_{dest}"] * weight for dest, weight in rules.call_mix.items()) / total


def failed_rules(cand: pd.DataFrame, rules: Rules) -> pd.Series:
    """The first collection rule of its basket a candidate fails, as a sentence (NA: passes or not stated)."""
    with_rule = cand[["basket", "collection_rules"]].drop_duplicates("basket")
    applies = {rule: cand["basket"].isin(with_rule.loc[with_rule["collection_rules"].map(lambda r, x=rule: x in r),
                                                       "basket"])
               for rule in ("speed_floor_kbps", "technology_floor", "exclude_wifi_hotspot_only", "commitment_months")}
    kbps = cand["speed_mbps"] * 1000
    rank = cand["technology"].map({t: i for i, t in enumerate(TECHNOLOGIES)})
    nearest = _nearest_commitment(cand, rules, applies["commitment_months"])
    gap = (cand["commitment_months"] - rules.commitment_months).abs()
    checks = [   # (fails, the sentence for the failing rows only)
        (applies["speed_floor_kbps"] & (kbps < rules.speed_floor_kbps),
         lambda i: "speed_floor_kbps: advertised " + _g(kbps[i]) + f" kbit/s, below {rules.speed_floor_kbps:g}"),
        (applies["technology_floor"] & (rank < TECHNOLOGIES.index(rules.technology_floor)),
         lambda i: "technology_floor: " + cand.loc[i, "technology"].astype("string") +
         f", below {rules.technology_floor}"),
        (applies["exclude_wifi_hotspot_only"] & rules.exclude_wifi_hotspot_only
         & cand["wifi_hotspot_only"].fillna(False).astype(bool),
         lambda i: pd.Series("exclude_wifi_hotspot_only: a Wi-Fi-only or hotspot-only offer", index=i, dtype="string")),
        (applies["commitment_months"] & (gap > (nearest - rules.commitment_months).abs() + TIE),
         lambda i: "commitment_months: " + _g(cand.loc[i, "commitment_months"]) + "-month commitment; the "
         f"operator's nearest to {rules.commitment_months} is " + _g(nearest[i])),
    ]
    out = pd.Series(pd.NA, index=cand.index, dtype="string")
    for fails, reason in checks:
        first = fails.fillna(False).astype(bool) & out.isna()   # the first rule failed wins
        if first.any():
            index = cand.index[first]
            out.loc[index] = reason(index)
    return out


def _g(values: pd.Series) -> pd.Series:
    """Numbers as short text (128, 0.5), empty where missing, for the sentences of `excluded`."""
    return values.map(lambda v: "" if pd.isna(v) else f"{v:g}").astype("string")


def _nearest_commitment(cand: pd.DataFrame, rules: Rules, applies: pd.Series) -> pd.Series:
    """Per economy, year, basket and operator, the stated commitment nearest to rules.commitment_months among its
    otherwise eligible plans (NaN where none states one)."""
    known = cand[applies & cand["commitment_months"].notna() & _eligible(cand, rules)]
    gap = (known["commitment_months"] - rules.commitment_months).abs()
    best = known.assign(_gap=gap).sort_values(["_gap", "commitment_months"], kind="stable")
    best = best.drop_duplicates(KEY + ["operator"])[KEY + ["operator", "commitment_months"]]
    return cand[KEY + ["operator"]].merge(best, how="left", on=KEY + ["operator"])["commitment_months"].set_axis(
        cand.index)


def _postpaid_fallback(cand: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Keep fallback candidates (e.g. postpaid for the prepaid MISR mobile basket) only where the basket has no
    eligible plan of its own plan types in that economy and year (rules.postpaid_fallback_condition)."""
    if not cand["fallback"].any():
        return cand
    if not rules.postpaid_fallback:
        return cand[~cand["fallback"]].reset_index(drop=True)
    own = ~cand["fallback"] & cand["eligible"]
    has_own = own.groupby([cand[k] for k in KEY], sort=False, dropna=False).transform("any").to_numpy(dtype=bool)
    return cand[~(cand["fallback"] & has_own)].reset_index(drop=True)


def _eligible(cand: pd.DataFrame, rules: Rules) -> pd.Series:
    taxed = cand["taxes_included"].fillna(False).astype(bool) | (not rules.taxes_included_only)
    return (~cand["promotional"].fillna(False).astype(bool)) & taxed


def _periods(validity_days: pd.Series, rules: Rules) -> pd.Series:
    ratio = rules.month_days / validity_days.astype("float64")
    return np.ceil(ratio.round(9)) if rules.validity_scaling == "whole_purchases" else ratio


def _cheaper_addons(cand: pd.DataFrame, plans: pd.DataFrame, rules: Rules) -> None:
    """Where a data shortfall is cheaper to fill with add-ons of the same operator and year, use them
    (sets cost_data, and addon / addon_count / addon_price for the arithmetic)."""
    cand["addon"], cand["addon_count"], cand["addon_price"] = pd.NA, 0, np.nan
    addons = plans[(plans["plan_type"] == "addon") & (plans["data_gb"] > 0)]
    addons = addons[_eligible(addons, rules)]
    short = cand[cand["short_data"] > 0]
    if addons.empty or short.empty:
        return
    pairs = short[["ref_area", "time_period", "operator", "short_data"]].reset_index().merge(
        addons[["ref_area", "time_period", "operator", "plan", "monthly_fee", "validity_days", "data_gb"]],
        on=["ref_area", "time_period", "operator"])
    periods = _periods(pairs["validity_days"], rules)
    pairs["count"] = np.ceil((pairs["short_data"] / (pairs["data_gb"] * periods)).round(9)).astype("int64")
    pairs["cost"] = pairs["count"] * pairs["monthly_fee"] * periods
    pairs["price_30_days"] = pairs["monthly_fee"] * periods
    best = pairs.sort_values(["index", "cost", "plan"], kind="stable").drop_duplicates("index").set_index("index")
    better = best[best["cost"] < cand.loc[best.index, "cost_data"]]
    cand.loc[better.index, "cost_data"] = better["cost"]
    cand.loc[better.index, "addon"] = better["plan"]
    cand.loc[better.index, "addon_count"] = better["count"]
    cand.loc[better.index, "addon_price"] = better["price_30_days"]


def choose(plans: pd.DataFrame, baskets: pd.DataFrame, rules: Rules, part_plans: int = PART_PLANS) -> pd.DataFrame:
    """One row per economy, year and basket that has plans of the basket's service: the chosen plan (status
    `priced`) or `no_plan` with the reason.

    Every rule compares plans of one economy only, so economies are priced in parts of about `part_plans` plans: at
    scale 10 (300,000 plans) pricing them all at once took 1.6 GB, the peak of the whole release."""
    parts = [_choose(part, baskets, rules) for part in economy_parts(plans, part_plans)]
    if len(parts) == 1:
        return parts[0]
    return pd.concat(parts, ignore_index=True).sort_values(KEY, kind="stable").reset_index(drop=True)


def economy_parts(plans: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """The plans split by economy into parts of about `size` plans (an economy is never split), each in the plans'
    order; one part when all fit."""
    economy = plans["ref_area"].astype("string").fillna("")
    counts = economy.value_counts(sort=False).sort_index()
    part = economy.map(counts.cumsum().shift(fill_value=0) // size)
    return [plans[part == n] for n in sorted(part.unique())] if len(plans) else [plans]


def _choose(plans: pd.DataFrame, baskets: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    carried = plans[CARRIED].reset_index(drop=True)
    cand = candidates(plans.drop(columns=CARRIED).assign(_plan=np.arange(len(plans))), baskets, rules)
    covering = cand[cand["eligible"] & np.isfinite(cand["price"])]
    top_share = covering.groupby(KEY)["market_share"].transform("max")
    leaders = covering[covering["market_share"] == top_share]
    first_operator = leaders.groupby(KEY)["operator"].transform("min")
    of_leader = leaders[leaders["operator"] == first_operator].assign(
        _prepaid_last=lambda d: (d["plan_type"] != "prepaid").astype(int))
    ordered = of_leader.sort_values(KEY + ["price", "_prepaid_last", "plan"], kind="stable")
    chosen = ordered.drop_duplicates(KEY).copy()
    ties = ordered.merge(chosen[KEY + ["price", "plan"]], on=KEY, suffixes=("", "_chosen"))
    ties = ties[(ties["plan"] != ties["plan_chosen"]) & ((ties["price"] - ties["price_chosen"]).abs() <= TIE)]
    tied = ties.groupby(KEY)["plan"].agg(lambda p: ", ".join(sorted(p)))
    operators = leaders.groupby(KEY)["operator"].nunique()
    largest = cand.groupby(KEY)["market_share"].max()
    chosen = chosen.set_index(KEY)
    chosen["note"] = _choice_notes(chosen, tied, operators, largest)
    chosen["status"] = "priced"
    chosen["arithmetic"] = _arithmetic(chosen.reset_index().join(carried[["currency"]], on="_plan"), rules).to_numpy()
    chosen = chosen.reset_index().join(carried, on="_plan")
    chosen["price_lcu"] = chosen["price"]
    missing = _no_plan(cand, chosen, carried)
    out = pd.concat([chosen, missing], ignore_index=True) if len(missing) else chosen
    out = out.drop(columns="excluded", errors="ignore").merge(_excluded(cand), how="left", on=KEY)
    # declared dtypes: a part with no priced plan (or none at all) must not change the types of the whole table
    return out[CHOICE_COLUMNS].astype(CHOICE_DTYPES).sort_values(KEY, kind="stable").reset_index(drop=True)


def _excluded(cand: pd.DataFrame) -> pd.DataFrame:
    """Per economy, year and basket, the plans a collection rule excluded, each with the rule and why."""
    failed = cand[cand["failed_rule"].notna()].sort_values(["operator", "plan"], kind="stable")
    listed = failed["plan"] + " (" + failed["operator"] + "): " + failed["failed_rule"]
    return listed.groupby([failed[k] for k in KEY]).agg("; ".join).rename("excluded").reset_index()


def _choice_notes(chosen: pd.DataFrame, tied: pd.Series, operators: pd.Series, largest: pd.Series) -> pd.Series:
    notes = pd.Series("", index=chosen.index, dtype="string")
    has_tie = tied.reindex(chosen.index)
    notes = notes.mask(has_tie.notna(), "tie at the same price with " + has_tie.fillna("") +
                       " (chosen: prepaid first, then plan name)")
    shared = operators.reindex(chosen.index) > 1
    notes = notes.mask(shared, (notes + "; ").str.lstrip("; ") + "several operators share the largest market share: "
                       "first by name chosen")
    skipped = largest.reindex(chosen.index) > chosen["market_share"]
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


def _no_plan(cand: pd.DataFrame, chosen: pd.DataFrame, carried: pd.DataFrame) -> pd.DataFrame:
    """Economy-year-baskets with plans of the service but none eligible and covering: reported, with counts."""
    done = pd.MultiIndex.from_frame(chosen[KEY]) if len(chosen) else pd.MultiIndex.from_tuples([], names=KEY)
    rest = cand[~pd.MultiIndex.from_frame(cand[KEY]).isin(done)]
    if rest.empty:
        return pd.DataFrame(columns=CHOICE_COLUMNS)
    rest = rest.join(carried[["source", "file"]], on="_plan")
    counts = rest.assign(n=1, promo=rest["promotional"].fillna(False).astype(bool),
                         untaxed=~rest["taxes_included"].fillna(False).astype(bool),
                         ruled=rest["failed_rule"].notna(), short=~np.isfinite(rest["price"])).groupby(KEY).agg(
        basket_title=("basket_title", "first"), basket_status=("basket_status", "first"),
        experimental=("experimental", "first"), n=("n", "sum"), promo=("promo", "sum"), untaxed=("untaxed", "sum"),
        ruled=("ruled", "sum"), short=("short", "sum"), source=("source", "first"), file=("file", "first")
    ).reset_index()
    counts["status"] = "no_plan"
    counts["note"] = [f"no eligible plan covers the basket: {r.n} plan(s) of the service considered, {r.promo} "
                      f"promotional, {r.untaxed} without taxes, {r.ruled} failing a collection rule (see excluded), "
                      f"{r.short} cannot reach the allowance (no per-unit price or add-on for the shortfall)"
                      for r in counts.itertuples()]
    return counts.reindex(columns=CHOICE_COLUMNS)
