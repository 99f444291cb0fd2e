"""Release-level rules on values by sex, which no single row can check.

A female or male value is only usable for the SDG tables and the gender parity score when it sits beside a total
for the same observation (same economy, year, series, age, area and breakdown) and when female and male are in the
same unit. Rows that break either rule are held back with a named rule, never dropped and never a crash.
"""
from __future__ import annotations

import pandas as pd

from pipelines.core.canonical import OBS_KEY, quarantine_frame, quarantine_row

BY_SEX = ("F", "M")
KEY_BUT_SEX = [c for c in OBS_KEY if c != "sex"]


def _hold_back(obs: pd.DataFrame, index: pd.Index, column: str, rule: str, says) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows at `index` leave the staged set as quarantine records; `says(row)` finishes the sentence."""
    rows = [quarantine_row(r.file, int(r.line), column, rule, getattr(r, column),
                           f"{r.file} line {r.line}: {r.series} for {r.ref_area} {r.time_period} (sex {r.sex}, age "
                           f"{r.age}, area {r.urbanisation}, breakdown {r.breakdown}) {says(r)}")
            for r in obs.loc[index].itertuples()]
    return obs.drop(index=index), quarantine_frame(rows)


def split_unit_mismatch(obs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Female and male rows of one observation in different units (or multipliers): both are held back."""
    by_sex = obs[obs["sex"].isin(BY_SEX)]
    units = by_sex["unit_measure"].astype("string") + "^" + by_sex["unit_mult"].astype("string")
    n_units = units.groupby([by_sex[c] for c in KEY_BUT_SEX], dropna=False).transform("nunique")
    return _hold_back(obs, by_sex.index[n_units > 1], "unit_measure", "sex_unit_mismatch",
                      lambda r: f"is in {r.unit_measure} (x10^{r.unit_mult}) but the other sex is in another unit; "
                                "neither was staged, so no parity score mixes units.")


def split_without_total(obs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Female or male rows whose observation has no total (_T) row are held back."""
    totals = obs.loc[obs["sex"] == "_T", KEY_BUT_SEX].drop_duplicates()
    by_sex = obs[obs["sex"].isin(BY_SEX)].reset_index()
    matched = by_sex.merge(totals, on=KEY_BUT_SEX, how="left", indicator=True)
    return _hold_back(obs, pd.Index(matched.loc[matched["_merge"] == "left_only", "index"]), "sex",
                      "sex_without_total", lambda r: "has no total (sex _T) for the same economy, year, age, area and "
                                                     "breakdown; add the total so the value by sex can be published.")
