"""IDI table: normalised indicators, sub-indices, score, rank and status per economy, from the idi_inputs table.

status: ranked | unranked_imputed (more imputed inputs than the edition allows) | insufficient_data (an input is
missing altogether: no score, no rank; sub-indices whose inputs are all present are still given).
methodology_status: 'unconfirmed' when any parameter of the edition is unconfirmed (listed in idi_parameters).
capped_inputs: the inputs above their reference value, capped at 1 as the edition says (cap_at_reference).
rank: on the unrounded score (engine.rank); printed decimals are for display only.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.idi.engine import rank, score, structure_rows
from pipelines.core import warehouse
from schemas.idi_editions import Edition, all_edition_names, edition_names, load_edition

INPUTS_SQL = Path(__file__).resolve().parent / "scoring_inputs.sql"


def score_economy(edition: Edition, inputs: pd.DataFrame) -> dict:
    """One economy's row: z per indicator, sub-indices (when complete), IDI (when every input is present), status."""
    codes, flags = inputs["indicator"].tolist(), inputs["imputed"].astype(bool).tolist()   # not itertuples: Arrow text
    values = {code: value for code, value in zip(codes, inputs["value"].tolist()) if pd.notna(value)}
    result = score(edition, values)
    missing = len(edition.indicators) - len(values)
    imputed = sum(flags)
    status = ("insufficient_data" if missing else
              "unranked_imputed" if imputed > edition.max_imputed_for_rank.value else "ranked")
    return {**{f"{code}_z": z for code, z in result.normalised.items()}, **result.sub_indices, "idi": result.idi,
            "imputed_count": imputed, "missing_count": missing,
            "imputed_inputs": ",".join(sorted(code for code, flag in zip(codes, flags) if flag)),
            "capped_inputs": ",".join(sorted(result.capped)), "status": status}


def columns(editions: list[Edition]) -> list[str]:
    """The idi table's columns: one `<indicator>_z` per indicator code of any of the editions, in their order."""
    normalised = dict.fromkeys(f"{i.code}_z" for e in editions for i in e.indicators)
    subs = dict.fromkeys(s.code for e in editions for s in e.sub_indices)
    return (["edition", "ref_area", "time_period", *normalised, *subs]
            + ["idi", "imputed_count", "missing_count", "imputed_inputs", "capped_inputs", "status", "rank",
               "methodology_status"])


def edition_scores(edition: Edition, inputs: pd.DataFrame) -> pd.DataFrame:
    rows = [{"edition": edition.edition, "ref_area": area, "time_period": year, **score_economy(edition, group)}
            for (area, year), group in inputs.groupby(["ref_area", "time_period"], sort=True)]
    frame = pd.DataFrame(rows, columns=columns([edition]))
    frame["rank"] = pd.Series(dtype="Int64", index=frame.index)
    for _, idx in frame.groupby("time_period").groups.items():
        ranked = [s if st == "ranked" else None for s, st in zip(frame.loc[idx, "idi"], frame.loc[idx, "status"])]
        frame.loc[idx, "rank"] = rank(ranked)
    frame["methodology_status"] = "unconfirmed" if edition.unconfirmed() else "confirmed"
    return frame


def compute(con, params: dict) -> pd.DataFrame:
    inputs = warehouse.run_file(con, INPUTS_SQL)
    frames = [edition_scores(load_edition(name), part) for name, part in inputs.groupby("edition", sort=True)]
    every_edition = [load_edition(name) for name in reversed(edition_names())]
    return pd.concat(frames or [pd.DataFrame()], ignore_index=True).reindex(columns=columns(every_edition))


def parameters(con, params: dict) -> pd.DataFrame:
    """Every parameter of each configured edition with its status and source (so unconfirmed ones are visible)."""
    rows = [{"edition": name, **row} for name in edition_names() for row in load_edition(name).parameters()]
    return pd.DataFrame(rows)


def structure(con, params: dict) -> pd.DataFrame:
    """Every configured edition's pillars and indicators with their status, and whether the edition is scored
    (methodology_status incomplete: structure only, no numbers)."""
    rows = [row for name in all_edition_names() for row in structure_rows(name)]
    return pd.DataFrame(rows)
