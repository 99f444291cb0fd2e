"""The IDI scoring engine: pure functions over an edition's configuration (indicators/idi/editions/<edition>.yaml).

Kept apart from DuckDB and Dagster so every step (normalise, cap, weight, scale, rank) is tested directly.
Each numeric parameter in an edition file is {value, status, source}; `parameters()` lists them with their status
so unconfirmed ones are published as such. An edition file with `methodology: incomplete` (IDI 2023+) holds the
structure only: it is never scored, and `structure_rows()` publishes it with what is missing.
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
    structure_source: str
    scale: Param
    cap_at_reference: Param
    display_decimals: Param
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
                for name in ("scale", "cap_at_reference", "display_decimals", "carry_back_years", "min_donors",
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


@lru_cache(maxsize=None)
def _raw(edition: str, root: Path) -> dict:
    return yaml.safe_load((root / f"{edition}.yaml").read_text(encoding="utf-8"))


def all_edition_names(root: Path = EDITIONS_DIR) -> list[str]:
    """Every configured edition, scorable or structure only, oldest first."""
    return sorted(p.stem for p in root.glob("*.yaml"))


def edition_names(root: Path = EDITIONS_DIR) -> list[str]:
    """The editions that can be scored (their methodology is configured in full), oldest first."""
    return [name for name in all_edition_names(root) if "methodology" not in _raw(name, root)]


@lru_cache(maxsize=None)
def load_edition(edition: str, root: Path = EDITIONS_DIR) -> Edition:
    path = root / f"{edition}.yaml"
    raw = _raw(edition, root)
    if "methodology" in raw:
        raise ValueError(f"{path}: methodology {raw['methodology']} ({raw.get('missing', '')}); it is not scored")
    imp = raw["imputation"]
    subs = tuple(SubIndex(code=s["code"], title=s["title"], weight=_param(s["weight"], f"{path}:{s['code']}.weight"),
                          indicators=tuple(_indicator(i, f"{path}:{i['code']}") for i in s["indicators"]))
                 for s in raw["sub_indices"])
    return Edition(edition=str(raw["edition"]), title=raw["title"], data_year=int(raw["data_year"]),
                   structure_source=raw["structure_source"], scale=_param(raw["scale"], f"{path}:scale"),
                   cap_at_reference=_param(raw["cap_at_reference"], f"{path}:cap_at_reference"),
                   display_decimals=_param(raw["display_decimals"], f"{path}:display_decimals"),
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
    capped: tuple[str, ...] = ()          # indicators whose input was above the reference and was capped at 1


def score(edition: Edition, values: dict[str, float | None]) -> Score:
    """Score one economy (values keyed by indicator code). Missing inputs leave their sub-index and the IDI empty.

    An input above its reference value is capped as the edition says (cap_at_reference) and named in `capped`.
    """
    cap = bool(edition.cap_at_reference.value)
    present = [i for i in edition.indicators if values.get(i.code) is not None]
    raw = {i.code: normalise(values[i.code], i.reference.value, i.transform, cap=False) for i in present}
    z = {i.code: None if i.code not in raw else min(raw[i.code], 1.0) if cap else raw[i.code]
         for i in edition.indicators}
    capped = tuple(code for code, value in raw.items() if cap and value > 1.0)
    subs = {s.code: None if any(z[i.code] is None for i in s.indicators) else
            sum(i.weight.value * z[i.code] for i in s.indicators) for s in edition.sub_indices}
    complete = all(v is not None for v in subs.values())
    idi = sum(s.weight.value * subs[s.code] for s in edition.sub_indices) if complete else None
    scale = edition.scale.value
    return Score(z, {k: None if v is None else scale * v for k, v in subs.items()},
                 None if idi is None else scale * idi, capped)


def rank(scores: list[float | None]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) on the unrounded scores, as ITU ranked the IDI: economies share a rank only
    when their scores are exactly equal, so rank order is value order. Printed decimals (display_decimals) are for
    display only: two economies printed 8.47 can rank 8th and 9th.

    None (an economy not ranked) gets no rank and takes no place.
    """
    present = sorted((s for s in scores if s is not None), reverse=True)
    first = {}
    for place, s in enumerate(present, start=1):
        first.setdefault(s, place)
    return [None if s is None else first[s] for s in scores]


STRUCTURE_STATUSES = ("confirmed", "secondary", "recalled")


def structure_rows(name: str, root: Path = EDITIONS_DIR) -> list[dict]:
    """One row per indicator of an edition: pillar (sub-index), indicator, series, DataHub code, each with its status,
    and the edition's methodology status: confirmed, unconfirmed (scored with unconfirmed parameters), or
    incomplete (structure only: not scored, `note` says what is missing)."""
    raw = _raw(name, root)
    if "methodology" not in raw:
        edition = load_edition(name, root)
        status = "unconfirmed" if edition.unconfirmed() else "confirmed"
        note = "scored" + ("; unconfirmed parameters are listed in idi_parameters" if edition.unconfirmed() else "")
        return [{"edition": edition.edition, "title": edition.title, "methodology_status": status,
                 "pillar": sub.code, "pillar_title": sub.title, "pillar_status": "confirmed", "indicator": ind.code,
                 "indicator_title": ind.title, "indicator_status": "confirmed", "series": ind.series,
                 "datahub_code": None, "datahub_code_status": None, "source": edition.structure_source, "note": note}
                for sub in edition.sub_indices for ind in sub.indicators]
    rows = []
    for pillar in raw["pillars"]:
        for ind in pillar["indicators"]:
            where = f"{root / name}.yaml:{ind.get('code')}"
            if {pillar["status"], ind["status"], ind.get("datahub_code_status", "confirmed")} - set(STRUCTURE_STATUSES):
                raise ValueError(f"{where}: status must be one of {STRUCTURE_STATUSES}")
            rows.append({"edition": str(raw["edition"]), "title": raw["title"],
                         "methodology_status": raw["methodology"],
                         "pillar": pillar["code"], "pillar_title": pillar["title"], "pillar_status": pillar["status"],
                         "indicator": ind["code"], "indicator_title": ind["title"], "indicator_status": ind["status"],
                         "series": ind.get("series"), "datahub_code": ind.get("datahub_code"),
                         "datahub_code_status": ind.get("datahub_code_status"), "source": pillar["source"],
                         "note": f"not scored: {raw['missing']}"})
    return rows
