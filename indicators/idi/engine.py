"""The IDI scoring engine: pure functions over an edition's configuration (indicators/idi/editions/<edition>.yaml,
read by schemas.idi_editions).

Kept apart from DuckDB and Dagster so every step (normalise, cap, weight, scale, rank) is tested directly.
Each numeric parameter in an edition file is {value, status, source}; `Edition.parameters()` lists them with their
status so unconfirmed ones are published as such. An edition file with `methodology: incomplete` (IDI 2023+) holds the
structure only: it is never scored, and `structure_rows()` publishes it with what is missing.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from schemas.fields import STATUS_MARKS
from schemas.idi_editions import EDITIONS_DIR, Edition, load_edition, raw_edition

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


def structure_rows(name: str, root: Path = EDITIONS_DIR) -> list[dict]:
    """One row per indicator of an edition: pillar (sub-index), indicator, series, DataHub code, each with its status,
    and the edition's methodology status: confirmed, unconfirmed (scored with unconfirmed parameters), or
    incomplete (structure only: not scored, `note` says what is missing)."""
    raw = raw_edition(name, root)
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
            if {pillar["status"], ind["status"], ind.get("datahub_code_status", "confirmed")} - set(STATUS_MARKS):
                raise ValueError(f"{where}: status must be one of {STATUS_MARKS}")
            rows.append({"edition": str(raw["edition"]), "title": raw["title"],
                         "methodology_status": raw["methodology"],
                         "pillar": pillar["code"], "pillar_title": pillar["title"], "pillar_status": pillar["status"],
                         "indicator": ind["code"], "indicator_title": ind["title"], "indicator_status": ind["status"],
                         "series": ind.get("series"), "datahub_code": ind.get("datahub_code"),
                         "datahub_code_status": ind.get("datahub_code_status"), "source": pillar["source"],
                         "note": f"not scored: {raw['missing']}"})
    return rows
