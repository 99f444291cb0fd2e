"""The IDI edition files (indicators/idi/editions/<edition>.yaml) read as data.

The published `idi` contract takes its columns from them and the engine (indicators/idi) its parameters, so they are
read here, below both. Each numeric parameter is a methodology parameter {value, status, source}
(schemas.methodology); the IDI's statuses are confirmed or unconfirmed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from schemas.methodology import Param, param
from schemas.yaml_files import read_yaml

EDITIONS_DIR = Path(__file__).resolve().parents[1] / "indicators" / "idi" / "editions"
STATUSES = ("confirmed", "unconfirmed")
TRANSFORMS = ("linear", "log")


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
    return param(raw, where, statuses=STATUSES)


def _indicator(raw: dict, where: str) -> Indicator:
    if raw["transform"] not in TRANSFORMS:
        raise ValueError(f"{where}: transform {raw['transform']!r} is not one of {TRANSFORMS}")
    return Indicator(code=raw["code"], title=raw["title"], series=raw["series"], transform=raw["transform"],
                     reference=_param(raw["reference"], f"{where}.reference"),
                     weight=_param(raw["weight"], f"{where}.weight"), derive=raw.get("derive"),
                     count_series=raw.get("count_series"))


@lru_cache(maxsize=None)
def raw_edition(edition: str, root: Path = EDITIONS_DIR) -> dict:
    return read_yaml(root / f"{edition}.yaml")


def all_edition_names(root: Path = EDITIONS_DIR) -> list[str]:
    """Every configured edition, scorable or structure only, oldest first."""
    return sorted(p.stem for p in root.glob("*.yaml"))


def edition_names(root: Path = EDITIONS_DIR) -> list[str]:
    """The editions that can be scored (their methodology is configured in full), oldest first."""
    return [name for name in all_edition_names(root) if "methodology" not in raw_edition(name, root)]


@lru_cache(maxsize=None)
def load_edition(edition: str, root: Path = EDITIONS_DIR) -> Edition:
    path = root / f"{edition}.yaml"
    raw = raw_edition(edition, root)
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
