"""Raw model: one tariff plan line (CSV or the Tariffs sheet of the submission workbook), all cells as text.

Impossible plans are rejected here with a named rule: a negative fee or per-unit price (negative_price), a validity
of 0 or less or not in whole days (invalid_validity), a currency outside ISO 4217 (unknown_currency), a market share
outside 0-1, an unknown plan type, service or technology (2G-5G), a flag other than true/false; the optional
collection-rule columns may be empty (not stated). The economy is checked by the adapter
(unknown_economy). Schema: docs/tariff_plans.md.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from schemas import reference as ref
from schemas.checks import in_codes, not_blank
from schemas.codelists import FLAGS, PLAN_TYPES, SERVICES, TECHNOLOGIES
from schemas.raw._columns import column, number, present, year
from schemas.values import number_values


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    return frozenset(pd.read_csv(ref.REFERENCE_DIR / "currencies.csv", dtype=str)["code"])


def _not_negative(s: pd.Series) -> pd.Series:
    return ~(number_values(s) < 0)


def _whole_days(s: pd.Series) -> pd.Series:
    days = number_values(s)
    return (days > 0) & (days % 1 == 0)


def _share(s: pd.Series) -> pd.Series:
    share = number_values(s)
    return share.isna() | ((share >= 0) & (share <= 1))


def _lower_in(allowed, blank_ok: bool = False, upper: bool = False):
    def check(s: pd.Series) -> pd.Series:
        text = s.fillna("").str.strip()
        text = text.str.upper() if upper else text.str.lower()
        return (in_codes(text, allowed) | ((text == "") & blank_ok)).astype(bool)
    return check


def _price(name: str, required: bool = False):
    rules = {"negative_price": _not_negative} | ({"missing_value": not_blank} if required else {})
    return number(name), column(name, **rules)


def _allowance(name: str):
    return number(name), column(name, negative_value=_not_negative)


class TariffPlanRaw(
    present("ref_area"), year("year"), column("operator", missing_value=not_blank),
    column("plan", missing_value=not_blank),
    number("market_share"), column("market_share", missing_value=not_blank, share_out_of_range=_share),
    column("plan_type", unknown_plan_type=_lower_in(PLAN_TYPES)),
    column("service", unknown_service=_lower_in(SERVICES, blank_ok=True)),
    column("currency", unknown_currency=lambda s: in_codes(s.fillna("").str.strip().str.upper(), currency_codes())),
    *_price("monthly_fee", required=True), column("validity_days", invalid_validity=_whole_days),
    *_allowance("data_gb"), *_allowance("minutes"), *_allowance("sms"), *_allowance("speed_mbps"),
    *_price("price_per_extra_mb"), *_price("price_per_extra_min"), *_price("price_per_sms"),
    *_price("price_per_min_on_net"), *_price("price_per_min_off_net"), *_price("price_per_min_fixed"),
    column("taxes_included", not_a_flag=_lower_in(FLAGS)), column("promotional", not_a_flag=_lower_in(FLAGS)),
    column("technology", unknown_technology=_lower_in(TECHNOLOGIES, blank_ok=True, upper=True)),
    column("wifi_hotspot_only", not_a_flag=_lower_in(FLAGS, blank_ok=True)),
    *_allowance("commitment_months"), *_price("one_time_fee"),
):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "tariff_plans_csv"}
