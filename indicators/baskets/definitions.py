"""Basket definitions and engine rules, read from definitions.yaml (data, not code: allowances change by edition)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

DEFINITIONS = Path(__file__).resolve().parent / "definitions.yaml"
SCALINGS = ("pro_rata", "whole_purchases")


@dataclass(frozen=True)
class Rules:
    month_days: int = 30
    validity_scaling: str = "pro_rata"
    mb_per_gb: float = 1000.0
    taxes_included_only: bool = True
    gni_fallback_max_years: int = 3
    target_pct_gni: float = 2.0
    call_mix: dict[str, float] | None = field(default=None, compare=False)   # {on_net|off_net|fixed: weight}
    status: dict[str, str] = field(default_factory=dict, compare=False)   # {rule: status} for metadata


@lru_cache(maxsize=None)
def load(path: Path = DEFINITIONS) -> tuple[pd.DataFrame, Rules]:
    """(one row per basket entry: code, title, edition, first_year, last_year, service, plan_types, data_gb, minutes,
    sms, data_only, status, simplified; the rules)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules_raw = raw.get("rules", {})
    status = {k.removesuffix("_status"): v for k, v in rules_raw.items() if k.endswith("_status")}
    values = {k: v for k, v in rules_raw.items() if not k.endswith("_status")}
    unmarked = sorted(set(values) - set(status))
    if unmarked:
        raise ValueError(f"{path}: rules without a <name>_status (confirmed / secondary / unconfirmed): {unmarked}")
    rules = Rules(**values, status=status)
    if rules.validity_scaling not in SCALINGS:
        raise ValueError(f"{path}: validity_scaling must be one of {SCALINGS}, not {rules.validity_scaling!r}")
    return baskets_frame(raw["baskets"]), rules


def baskets_frame(entries: list[dict]) -> pd.DataFrame:
    """Basket entries as a frame; overlapping years for one code are an error (a basket has one allowance a year)."""
    rows = [{"code": e["code"], "title": e["title"], "edition": str(e.get("edition", "")),
             "first_year": int(e["years"][0]), "last_year": int(e["years"][1]), "service": e["service"],
             "plan_types": tuple(e.get("plan_types", ("prepaid", "postpaid"))),
             "data_gb": float(e.get("data_gb", 0)), "minutes": float(e.get("minutes", 0)),
             "sms": float(e.get("sms", 0)), "data_only": bool(e.get("data_only", False)),
             "status": e.get("status", "unconfirmed"), "simplified": e.get("simplified")} for e in entries]
    df = pd.DataFrame(rows)
    for code, group in df.groupby("code"):
        spans = group.sort_values("first_year")
        if (spans["first_year"].to_numpy()[1:] <= spans["last_year"].to_numpy()[:-1]).any():
            raise ValueError(f"basket {code}: entries with overlapping years")
    return df


def definitions_table(con=None, params: dict | None = None) -> pd.DataFrame:
    """Indicator function (price_basket_definitions.yaml): every basket entry and engine rule with its status, so the
    published release says which allowances and rules are unconfirmed."""
    baskets, rules = load()
    entries = baskets.assign(kind="basket", value=None, plan_types=baskets["plan_types"].map(", ".join))
    values = {name: getattr(rules, name) for name in rules.status}
    settings = pd.DataFrame([{"kind": "rule", "code": name,
                              "value": None if values[name] is None else str(values[name]),
                              "status": status} for name, status in rules.status.items()])
    out = pd.concat([entries, settings], ignore_index=True)
    columns = ["kind", "code", "first_year", "last_year", "title", "edition", "service", "plan_types", "data_gb",
               "minutes", "sms", "data_only", "value", "status", "simplified"]
    return out[columns].astype({"first_year": "Int64", "last_year": "Int64", "data_only": "boolean"})
