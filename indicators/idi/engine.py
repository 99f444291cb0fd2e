"""The IDI scoring engine: pure functions over an edition's configuration (indicators/idi/editions/<edition>.yaml).

Kept apart from DuckDB and Dagster so every step (normalise, cap, weight, scale, rank) is tested directly.
Each numeric parameter in an edition file is {value, status, source}; `parameters()` lists them with their status
so unconfirmed ones are published as such.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

EDITIONS_DIR = Path(__file__).resolve().parent / "editions"
TRANSFORMS = ("linear", "log")


@dataclass(frozen=True)
class Param:
    value: float
    status: str
    source: str


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    series: str
    transform: str
    reference: Param
    weight: Param
    derive: str | None = None
    count_series: str | None = None


@dataclass(frozen=True)
class SubIndex:
    code: str
    title: str
    weight: Param
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Edition:
    edition: str
    title: str
    data_year: int
    scale: Param
    cap_at_reference: Param
    rank_decimals: Param
    carry_back_years: Param
    min_donors: Param
    max_imputed_for_rank: Param
    sub_indices: tuple[SubIndex, ...]

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for s in self.sub_indices for i in s.indicators)

    def parameters(self) -> list[dict]:
        """Every parameter as a row: (sub_index, indicator, parameter, value, status, source)."""
        rows = [{"sub_index": "", "indicator": "", "parameter": name, **vars(getattr(self, name))}
                for name in ("scale", "cap_at_reference", "rank_decimals", "carry_back_years", "min_donors",
                             "max_imputed_for_rank")]
        for sub in self.sub_indices:
            rows.append({"sub_index": sub.code, "indicator": "", "parameter": "weight", **vars(sub.weight)})
            for ind in sub.indicators:
                rows += [{"sub_index": sub.code, "indicator": ind.code, "parameter": name, **vars(getattr(ind, name))}
                         for name in ("reference", "weight")]
        return [{**r, "value": float(r["value"])} for r in rows]

    def unconfirmed(self) -> list[str]:
        return [".".join(filter(None, (r["sub_index"], r["indicator"], r["parameter"])))
                for r in self.parameters() if r["status"] != "confirmed"]


def _param(raw: dict, where: str) -> Param:
    if not isinstance(raw, dict) or raw.get("status") not in ("confirmed", "unconfirmed"):
        raise ValueError(f"{where}: a parameter needs value, status (confirmed|unconfirmed) and source")
    return Param(raw["value"], raw["status"], raw.get("source", ""))


def _indicator(raw: dict, where: str) -> Indicator:
    if raw["transform"] not in TRANSFORMS:
        raise ValueError(f"{where}: transform {raw['transform']!r} is not one of {TRANSFORMS}")
    return Indicator(code=raw["code"], title=raw["title"], series=raw["series"], transform=raw["transform"],
                     reference=_param(raw["reference"], f"{where}.reference"),
                     weight=_param(raw["weight"], f"{where}.weight"), derive=raw.get("derive"),
                     count_series=raw.get("count_series"))


def edition_names(root: Path = EDITIONS_DIR) -> list[str]:
    """Every configured edition, oldest first."""
    return sorted(p.stem for p in root.glob("*.yaml"))


@lru_cache(maxsize=None)
def load_edition(edition: str, root: Path = EDITIONS_DIR) -> Edition:
    path = root / f"{edition}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    imp = raw["imputation"]
    subs = tuple(SubIndex(code=s["code"], title=s["title"], weight=_param(s["weight"], f"{path}:{s['code']}.weight"),
                          indicators=tuple(_indicator(i, f"{path}:{i['code']}") for i in s["indicators"]))
                 for s in raw["sub_indices"])
    return Edition(edition=str(raw["edition"]), title=raw["title"], data_year=int(raw["data_year"]),
                   scale=_param(raw["scale"], f"{path}:scale"),
                   cap_at_reference=_param(raw["cap_at_reference"], f"{path}:cap_at_reference"),
                   rank_decimals=_param(raw["rank_decimals"], f"{path}:rank_decimals"),
                   carry_back_years=_param(imp["carry_back_years"], f"{path}:carry_back_years"),
                   min_donors=_param(imp["min_donors"], f"{path}:min_donors"),
                   max_imputed_for_rank=_param(imp["max_imputed_for_rank"], f"{path}:max_imputed_for_rank"),
                   sub_indices=subs)


def normalise(value: float, reference: float, transform: str, cap: bool = True) -> float:
    """value/reference (linear) or log10(value)/log10(reference) (log), floored at 0 and capped at 1.

    The log transform is undefined at or below 1 bit/s; such a value scores 0 (log10(1) = 0).
    """
    if transform == "linear":
        z = value / reference
    elif transform == "log":
        z = math.log10(value) / math.log10(reference) if value > 1 else 0.0
    else:
        raise ValueError(f"unknown transform {transform!r}")
    z = max(z, 0.0)
    return min(z, 1.0) if cap else z


@dataclass(frozen=True)
class Score:
    normalised: dict[str, float | None]   # indicator code -> z (0-1); None when the input is missing
    sub_indices: dict[str, float | None]  # sub-index code -> value on the edition's scale; None unless complete
    idi: float | None                     # on the edition's scale; None unless every input is present


def score(edition: Edition, values: dict[str, float | None]) -> Score:
    """Score one economy (values keyed by indicator code). Missing inputs leave their sub-index and the IDI empty."""
    cap = bool(edition.cap_at_reference.value)
    z = {i.code: None if values.get(i.code) is None else normalise(values[i.code], i.reference.value, i.transform, cap)
         for i in edition.indicators}
    subs = {s.code: None if any(z[i.code] is None for i in s.indicators) else
            sum(i.weight.value * z[i.code] for i in s.indicators) for s in edition.sub_indices}
    complete = all(v is not None for v in subs.values())
    idi = sum(s.weight.value * subs[s.code] for s in edition.sub_indices) if complete else None
    scale = edition.scale.value
    return Score(z, {k: None if v is None else scale * v for k, v in subs.items()},
                 None if idi is None else scale * idi)


def rank(scores: list[float | None], decimals: int) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) on scores rounded as printed: equal printed values share a rank.

    None (an economy not ranked) gets no rank and takes no place.
    """
    rounded = [None if s is None else round(s, decimals) for s in scores]
    present = [r for r in rounded if r is not None]
    return [None if r is None else 1 + sum(1 for other in present if other > r) for r in rounded]
