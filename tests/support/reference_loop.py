"""The basket rules written as a plain loop over plans, one plan and basket at a time.

Not used by the pipeline (so it lives with the tests, not in the installed package): it is the straightforward version
the engine (indicators/baskets/engine.py, its pricing in SQL) is checked against in tests/baskets (same choices on random plans)
and timed against in benchmarks/baskets.py. Returns, per (ref_area, year, basket) with plans of the basket's service,
(operator, plan, 30-day price), or (None, None, None) when no eligible plan covers the basket.
"""
from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from indicators.baskets.definitions import Rules
from schemas.codelists import TECHNOLOGIES


def choose_loop(plans: pd.DataFrame, baskets: pd.DataFrame, rules: Rules) -> dict[tuple, tuple]:
    records = plans.to_dict("records")
    addons = defaultdict(list)
    for p in records:
        if p["plan_type"] == "addon" and _eligible(p, rules) and p["data_gb"] > 0:
            addons[(p["ref_area"], p["time_period"], p["operator"])].append(p)
    offers = defaultdict(list)
    for b in baskets.to_dict("records"):
        types = set(b["plan_types"]) | set(b["fallback_plan_types"])
        fitting = [p for p in records if p["plan_type"] in types and p["service"] == b["service"]
                   and b["first_year"] <= p["time_period"] <= b["last_year"]
                   and (not b["data_only"] or (p["minutes"] == 0 and p["sms"] == 0))]
        own = [p for p in fitting if p["plan_type"] in b["plan_types"]]
        nearest = _nearest_commitments(fitting, rules)
        passing = {id(p) for p in fitting if _passes(p, b, nearest, rules)}
        served = {(p["ref_area"], p["time_period"]) for p in own if id(p) in passing and _eligible(p, rules)}
        for p in fitting:
            fallback = p["plan_type"] in b["fallback_plan_types"] and p["plan_type"] not in b["plan_types"]
            if not (p["plan_type"] in b["plan_types"] or (fallback and rules.postpaid_fallback)):
                continue
            if fallback and (p["ref_area"], p["time_period"]) in served:
                continue
            price = _price(p, b, addons[(p["ref_area"], p["time_period"], p["operator"])], rules)
            offers[(p["ref_area"], p["time_period"], b["code"])].append((p, price, id(p) in passing))
    return {key: _pick(found, rules) for key, found in offers.items()}


def _nearest_commitments(fitting: list[dict], rules: Rules) -> dict[tuple, float]:
    """{(economy, year, operator): smallest gap to rules.commitment_months among its eligible plans stating one}."""
    nearest: dict[tuple, float] = {}
    for q in fitting:
        if not pd.isna(q["commitment_months"]) and _eligible(q, rules):
            key = (q["ref_area"], q["time_period"], q["operator"])
            gap = abs(q["commitment_months"] - rules.commitment_months)
            nearest[key] = min(gap, nearest.get(key, math.inf))
    return nearest


def _passes(p: dict, b: dict, nearest: dict[tuple, float], rules: Rules) -> bool:
    """The basket's collection rules: a plan not stating the attribute passes."""
    applied = b["collection_rules"]
    if "speed_floor_kbps" in applied and not pd.isna(p["speed_mbps"]) and p["speed_mbps"] * 1000 < \
            rules.speed_floor_kbps:
        return False
    if "technology_floor" in applied and not pd.isna(p["technology"]) and \
            TECHNOLOGIES.index(p["technology"]) < TECHNOLOGIES.index(rules.technology_floor):
        return False
    if "exclude_wifi_hotspot_only" in applied and rules.exclude_wifi_hotspot_only and \
            not pd.isna(p["wifi_hotspot_only"]) and bool(p["wifi_hotspot_only"]):
        return False
    if "commitment_months" in applied and not pd.isna(p["commitment_months"]):
        best = nearest.get((p["ref_area"], p["time_period"], p["operator"]), math.inf)
        if abs(p["commitment_months"] - rules.commitment_months) > best + 1e-9:
            return False
    return True


def _pick(found: list[tuple[dict, float, bool]], rules: Rules) -> tuple:
    covering = [(p, price) for p, price, ok in found if ok and _eligible(p, rules) and math.isfinite(price)]
    if not covering:
        return None, None, None
    share = max(p["market_share"] for p, _ in covering)
    operator = min(p["operator"] for p, _ in covering if p["market_share"] == share)
    price, _, plan = min((price, p["plan_type"] != "prepaid", p["plan"]) for p, price in covering
                         if p["operator"] == operator and p["market_share"] == share)
    return operator, plan, price


def _eligible(p: dict, rules: Rules) -> bool:
    return not p["promotional"] and (bool(p["taxes_included"]) or not rules.taxes_included_only)


def _minute_price(p: dict, rules: Rules) -> float:
    """The plan's price per extra minute, else its prices by destination weighted by the call mix (NaN without)."""
    if not pd.isna(p["price_per_extra_min"]) or not rules.call_mix:
        return p["price_per_extra_min"]
    weighted = sum(p[f"price_per_min_{dest}"] * weight for dest, weight in rules.call_mix.items())
    return weighted / sum(rules.call_mix.values())


def _periods(validity_days: float, rules: Rules) -> float:
    ratio = rules.month_days / validity_days
    return math.ceil(round(ratio, 9)) if rules.validity_scaling == "whole_purchases" else ratio


def _price(p: dict, b: dict, addons: list[dict], rules: Rules) -> float:
    periods = _periods(p["validity_days"], rules)
    total = p["monthly_fee"] * periods
    if rules.one_time_charges_added and not pd.isna(p["one_time_fee"]):
        total += p["one_time_fee"]
    for kind, need, included, unit, per_unit in (
            ("data", b["data_gb"], p["data_gb"], p["price_per_extra_mb"], rules.mb_per_gb),
            ("minutes", b["minutes"], p["minutes"], _minute_price(p, rules), 1),
            ("sms", b["sms"], p["sms"], p["price_per_sms"], 1)):
        have = math.inf if pd.isna(included) else included * periods
        short = max(0.0, need - have)
        if short == 0:
            continue
        options = [] if pd.isna(unit) else [short * per_unit * unit]
        if kind == "data":
            for a in addons:
                a_periods = _periods(a["validity_days"], rules)
                options.append(math.ceil(round(short / (a["data_gb"] * a_periods), 9)) * a["monthly_fee"] * a_periods)
        if not options:
            return math.inf
        total += min(options)
    return total
