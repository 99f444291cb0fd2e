"""Tariff plans for the price-basket engine, and the ITU-style 5 GB baskets derived from them.

Per economy and year (TARIFF_YEARS): two operators (three where the population reaches ten million), each selling
the three mobile plans of PLANS; the two largest operators also sell the two fixed-broadband plans. Prices are
drawn in US dollars and quoted in the economy's currency (world.CURRENCY_OF; USD where none is listed), rounded to
3 significant digits. The last tariff year (2025, the first year of ITU's 2025 baskets) is after the world's last
year: its plans follow the price and allowance trends with 2024's market shares and exchange rate and no random
draw (so the rest of the demo is unchanged), and it has no reported basket prices.

Column conventions: an empty data_gb, minutes or sms means unlimited; speed_mbps is empty for mobile plans;
price_per_extra_* are out-of-bundle prices in the plan's currency, empty where not applicable; a data-only plan has
minutes = sms = 0; taxes_included and promotional are 'true'/'false'.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.demo.formats import fmt_money
from pipelines.demo.world import YEARS, World, logistic

TARIFF_YEARS = range(2015, 2026)
TARIFF_COLUMNS = ["ref_area", "year", "operator", "market_share", "plan", "plan_type", "currency", "monthly_fee",
                  "validity_days", "data_gb", "minutes", "sms", "price_per_extra_mb", "price_per_extra_min",
                  "price_per_sms", "speed_mbps", "taxes_included", "promotional"]
BASKET_RULE = (
    "For each economy and year: take the operator with the largest market_share among those selling a qualifying "
    "plan; among its non-promotional plans with taxes included, the basket is the cheapest 30-day price "
    "(monthly_fee x 30 / validity_days). Fixed-broadband 5 GB: a fixed-broadband plan (speed_mbps given) with data_gb "
    ">= 5 or unlimited. Data-only mobile-broadband 5 GB: a mobile plan with minutes = sms = 0 and data_gb >= 5. "
    "USD = price / PA.NUS.FCRF (1 for plans quoted in USD); PPP$ = USD x PA.NUS.FCRF / PA.NUS.PPP; "
    "% GNI = USD x 12 / NY.GNP.PCAP.CD x 100; all rounded to 2 decimals.")
_NICE = np.array([0.1, 0.2, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150,
                  200, 250, 300, 400, 500, 1000])


@dataclass(frozen=True)
class Plan:
    name: str
    kind: str              # mobile | data | fixed
    plan_type: str         # prepaid | postpaid
    validity_days: int
    data_gb_2015: float | None   # None = unlimited; allowances grow 30% a year
    minutes: int | None
    sms: int | None
    price_factor: float    # times the economy's mobile (or fixed) base price
    speed_2015: float | None = None   # fixed broadband, Mbit/s at a development level of 0; grows 30% a year


PLANS = (
    Plan("Prepaid Weekly", "mobile", "prepaid", 7, 0.25, 30, 30, 0.22),
    Plan("Data-only", "data", "prepaid", 30, 2.0, 0, 0, 0.8),
    Plan("Postpaid L", "mobile", "postpaid", 30, 4.0, None, None, 1.8),
    Plan("Fixed Basic", "fixed", "postpaid", 30, 50.0, None, None, 1.0, 4.0),
    Plan("Fixed Fast", "fixed", "postpaid", 30, None, None, None, 1.6, 20.0),
)
BASKETS = ("FBB5", "MBB5")   # fixed-broadband 5 GB, data-only mobile-broadband 5 GB
PROMOTED = ("Prepaid Weekly", "Fixed Fast")   # the plans that sometimes run as promotions


def _nice(value: float) -> float:
    return float(_NICE[np.argmin(np.abs(np.log(_NICE / value)))])


def build_tariffs(world: World, rng: np.random.Generator) -> tuple[list[dict], dict[str, np.ndarray]]:
    """(tariff plan rows by economy, year, operator and PLANS order; basket arrays by key, economies x YEARS)."""
    econ = world.economies
    n = len(econ)
    level = econ["level"].to_numpy()
    mobile_base = np.exp(rng.normal(np.log(9.0), 0.4, n)) * (0.5 + logistic(level))
    fixed_base = np.clip(np.exp(rng.normal(np.log(30.0), 0.35, n)) * (0.7 + 0.5 * logistic(level)), 6, 60)
    untaxed_postpaid = rng.random(n) < 0.2
    fx, ppp, gni = (world.series[k] for k in ("FX_RATE", "PPP_FACTOR", "GNI_PC_ATLAS_USD"))
    rows: list[dict] = []
    baskets = {f"{b}_USD": np.full((n, len(YEARS)), np.nan) for b in BASKETS}
    for e, iso3 in enumerate(econ["iso3"]):
        currency = econ["currency"].iat[e]
        n_ops = 3 if world.series["POP_TOTAL"][e, -1] >= 1e7 else 2
        shares = np.sort(rng.dirichlet([5, 3, 2][:n_ops]))[::-1]
        op_factor = rng.uniform(0.85, 1.2, n_ops)
        for year in TARIFF_YEARS:
            y = year - int(YEARS[0])
            drawn = y < len(YEARS)   # years after the world's last one: no draw, no reported basket
            rate = 1.0 if currency == "USD" else fx[e, min(y, len(YEARS) - 1)]
            if drawn:
                shares = np.clip(shares + rng.normal(0.0, 0.01, n_ops), 0.02, None)
                shares = shares / shares.sum()
            offers = []
            for o in range(n_ops):
                operator = f"Operator {'ABC'[o]} (DEMO)"
                for plan in PLANS:
                    if plan.kind == "fixed" and o == 2:
                        continue
                    promo = drawn and plan.name in PROMOTED and rng.random() < 0.06
                    base = fixed_base[e] * 0.97 ** (year - 2015) if plan.kind == "fixed" else \
                        mobile_base[e] * 0.93 ** (year - 2015)
                    usd = base * plan.price_factor * op_factor[o] * (0.7 if promo else 1.0)
                    row = _plan_row(plan, iso3, year, operator, shares[o], currency, usd * rate, rate, level[e],
                                    promo, not (untaxed_postpaid[e] and plan.name == "Postpaid L"))
                    rows.append(row)
                    offers.append((shares[o], row))
            for code, price_usd in (_baskets(offers, rate) if drawn else {}).items():
                baskets[code][e, y] = price_usd
    _express(baskets, fx, ppp, gni)
    return rows, baskets


def _plan_row(plan: Plan, iso3: str, year: int, operator: str, share: float, currency: str, fee: float, rate: float,
              level: float, promo: bool, taxed: bool) -> dict:
    growth = 1.3 ** (year - 2015)
    data = "" if plan.data_gb_2015 is None else f"{_nice(plan.data_gb_2015 * growth):g}"
    speed = "" if plan.speed_2015 is None else \
        f"{_nice(plan.speed_2015 * growth * (0.5 + logistic(level))):g}"
    voice = plan.kind == "mobile"
    capped = plan.data_gb_2015 is not None
    return {
        "ref_area": iso3, "year": str(year), "operator": operator, "market_share": f"{share:.3f}",
        "plan": plan.name, "plan_type": plan.plan_type, "currency": currency,
        "monthly_fee": fmt_money(fee), "validity_days": str(plan.validity_days), "data_gb": data,
        "minutes": "" if plan.minutes is None else str(plan.minutes), "sms": "" if plan.sms is None else str(plan.sms),
        "price_per_extra_mb": fmt_money(0.01 * rate / growth) if capped else "",
        "price_per_extra_min": fmt_money(0.08 * rate) if voice and plan.minutes is not None else "",
        "price_per_sms": fmt_money(0.04 * rate) if voice and plan.sms is not None else "",
        "speed_mbps": speed, "taxes_included": str(taxed).lower(), "promotional": str(promo).lower(),
    }



def _qualifies(row: dict, basket: str) -> bool:
    if row["promotional"] == "true" or row["taxes_included"] != "true":
        return False
    enough = row["data_gb"] == "" or float(row["data_gb"]) >= 5
    if basket == "FBB5":
        return row["speed_mbps"] != "" and enough
    return row["speed_mbps"] == "" and row["minutes"] == "0" and row["sms"] == "0" and row["data_gb"] != "" and enough


def _baskets(offers: list[tuple[float, dict]], rate: float) -> dict[str, float]:
    """USD price of each basket by BASKET_RULE, from the written (rounded) plan rows."""
    out = {}
    for basket in BASKETS:
        candidates = [(share, row) for share, row in offers if _qualifies(row, basket)]
        if not candidates:
            continue
        top = max(share for share, _ in candidates)
        prices = [float(r["monthly_fee"]) * 30 / int(r["validity_days"]) for s, r in candidates if s == top]
        out[f"{basket}_USD"] = round(min(prices) / rate, 2)
    return out


def _express(baskets: dict[str, np.ndarray], fx: np.ndarray, ppp: np.ndarray, gni: np.ndarray) -> None:
    """Add the % of monthly GNI per capita and PPP$ versions of each USD basket."""
    for basket in BASKETS:
        usd = baskets[f"{basket}_USD"]
        baskets[f"{basket}_GNI"] = np.round(usd * 12 / gni * 100, 2)
        baskets[f"{basket}_PPP"] = np.round(usd * fx / ppp, 2)
