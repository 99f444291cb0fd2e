"""Basket definitions and engine rules, read from definitions.yaml (data, not code: allowances change by edition)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from schemas.codelists import TECHNOLOGIES
from schemas.methodology import param
from schemas.yaml_files import read_yaml

DEFINITIONS = Path(__file__).resolve().parent / "definitions.yaml"
SCALINGS = ("pro_rata", "whole_purchases")
CALL_DESTINATIONS = ("on_net", "off_net", "fixed")   # tariff plans' price_per_min_<destination> (engine: call mix)
COLLECTION_RULES = ("speed_floor_kbps", "technology_floor", "exclude_wifi_hotspot_only", "commitment_months")


@dataclass(frozen=True)
class Rules:
    month_days: int = 30
    validity_scaling: str = "pro_rata"
    mb_per_gb: float = 1000.0
    taxes_included_only: bool = True
    speed_floor_kbps: float = 256
    technology_floor: str = "3G"
    exclude_wifi_hotspot_only: bool = True
    commitment_months: int = 12
    one_time_charges_added: bool = False
    postpaid_fallback: bool = True
    postpaid_fallback_condition: str = "no_eligible_prepaid_plan"
    gni_fallback_max_years: int = 3
    target_pct_gni: float = 2.0
    ppp_factor: str = "PPP_FACTOR_PRVT"
    ppp_factors_compared: tuple[str, ...] = ("PPP_FACTOR", "PPP_FACTOR_PRVT", "PPP_FACTOR_IMF")
    ppp_check_tolerance: float = 0.02
    call_mix: dict[str, float] | None = field(default=None, compare=False)   # {on_net|off_net|fixed: weight}
    status: dict[str, str] = field(default_factory=dict, compare=False)   # {rule: methodology status}
    notes: dict[str, str] = field(default_factory=dict, compare=False)    # {rule: what it means, its source}


@dataclass(frozen=True)
class Catalogue:
    baskets: pd.DataFrame      # one row per basket code and span (official or experimental), see baskets_frame
    rules: Rules
    reported_as: dict[str, tuple[str, ...]]   # observation breakdown -> ITU codes it stands for
    compute_experimental: bool
    source: str


@lru_cache(maxsize=None)
def catalogue(path: Path = DEFINITIONS) -> Catalogue:
    raw = read_yaml(path)
    params = {name: param(value, f"{path}: rules.{name}") for name, value in raw.get("rules", {}).items()}
    values = {name: p.value for name, p in params.items()}
    status = {name: p.status for name, p in params.items()}
    notes = {name: p.source for name, p in params.items()}
    if "ppp_factors_compared" in values:
        values["ppp_factors_compared"] = tuple(values["ppp_factors_compared"])
    rules = Rules(**values, status=status, notes=notes)
    if rules.validity_scaling not in SCALINGS:
        raise ValueError(f"{path}: validity_scaling must be one of {SCALINGS}, not {rules.validity_scaling!r}")
    if rules.technology_floor not in TECHNOLOGIES:
        raise ValueError(f"{path}: technology_floor must be one of {TECHNOLOGIES}, not {rules.technology_floor!r}")
    unknown_destinations = sorted(set(rules.call_mix or {}) - set(CALL_DESTINATIONS))
    if unknown_destinations:
        raise ValueError(f"{path}: call_mix destinations must be among {', '.join(CALL_DESTINATIONS)} (the tariff "
                         f"plans' price_per_min_<destination>), not {', '.join(unknown_destinations)}")
    baskets = baskets_frame(raw["baskets"])
    reported = {k: tuple(v) for k, v in raw.get("reported_as", {}).items()}
    unknown = sorted({c for codes in reported.values() for c in codes} - set(baskets["code"]))
    if unknown:
        raise ValueError(f"{path}: reported_as names basket codes that are not defined: {unknown}")
    return Catalogue(baskets, rules, reported, bool(raw.get("compute_experimental", False)), raw.get("source", ""))


def load(path: Path = DEFINITIONS, experimental: bool | None = None) -> tuple[pd.DataFrame, Rules]:
    """(the basket spans the engine computes: official ones, and experimental ones when requested; the rules)."""
    cat = catalogue(path)
    wanted = cat.compute_experimental if experimental is None else experimental
    baskets = cat.baskets if wanted else cat.baskets[~cat.baskets["experimental"]]
    return baskets.reset_index(drop=True), cat.rules


def baskets_frame(entries: list[dict]) -> pd.DataFrame:
    """One row per basket code and span: official `years` and `experimental_years` give a row each (experimental
    flags the second). Overlapping spans of one code are an error (a basket has one allowance and one status a
    year); so is a collection rule the engine does not know."""
    rows = []
    for e in entries:
        unknown = sorted(set(e.get("collection_rules", ())) - set(COLLECTION_RULES))
        if unknown:
            raise ValueError(f"basket {e['code']}: unknown collection rules {unknown}")
        common = {"code": e["code"], "title": e["title"], "edition": str(e.get("edition", "")),
                  "service": e["service"], "plan_types": tuple(e.get("plan_types", ("prepaid", "postpaid"))),
                  "fallback_plan_types": tuple(e.get("fallback_plan_types", ())),
                  "data_gb": float(e.get("data_gb", 0)), "minutes": float(e.get("minutes", 0)),
                  "sms": float(e.get("sms", 0)), "data_only": bool(e.get("data_only", False)),
                  "collection_rules": tuple(e.get("collection_rules", ())),
                  "status": e.get("status", "unconfirmed"), "simplified": e.get("simplified")}
        for key, experimental in (("years", False), ("experimental_years", True)):
            if e.get(key):
                rows.append(common | {"first_year": int(e[key][0]), "last_year": int(e[key][1]),
                                      "experimental": experimental})
    df = pd.DataFrame(rows)
    for code, group in df.groupby("code"):
        spans = group.sort_values("first_year")
        if (spans["first_year"].to_numpy()[1:] <= spans["last_year"].to_numpy()[:-1]).any():
            raise ValueError(f"basket {code}: entries with overlapping years")
    return df


def definitions_table(con=None, params: dict | None = None) -> pd.DataFrame:
    """Indicator function (price_basket_definitions.yaml): every basket span and engine rule with its status, so the
    published release says which allowances and rules are unconfirmed and which baskets are experimental."""
    cat = catalogue()
    baskets, rules = cat.baskets, cat.rules
    entries = baskets.assign(kind="basket", value=None, source=cat.source,
                             plan_types=baskets["plan_types"].map(", ".join),
                             collection_rules=baskets["collection_rules"].map(lambda r: ", ".join(r) or None))
    values = {name: getattr(rules, name) for name in rules.status}
    settings = pd.DataFrame([{"kind": "rule", "code": name, "title": rules.notes.get(name),
                              "value": None if values[name] is None else _text(values[name]),
                              "status": status, "source": "METHODOLOGY section 4"}
                             for name, status in rules.status.items()])
    out = pd.concat([entries, settings], ignore_index=True)
    columns = ["kind", "code", "first_year", "last_year", "experimental", "title", "edition", "service",
               "plan_types", "data_gb", "minutes", "sms", "data_only", "collection_rules", "value", "status",
               "source", "simplified"]
    return out[columns].astype({"first_year": "Int64", "last_year": "Int64", "data_only": "boolean",
                                "experimental": "boolean"})


def _text(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)
