"""Release-level rules on values by sex, which no single row can check.

A female or male value is only usable for the SDG tables and the gender parity score when it sits beside a total
for the same observation (same economy, year, series, age, area and breakdown) and when female and male are in the
same unit. Population by sex (its own series, POP_FEMALE / POP_MALE and their shares) must add up to its total
within one vintage. Rows that break a rule are held back with a named rule, never dropped and never a crash.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipelines.core.canonical import OBS_KEY, quarantine_frame, quarantine_row
from schemas.methodology import values
from schemas.yaml_files import read_yaml

BY_SEX = ("F", "M")
KEY_BUT_SEX = [c for c in OBS_KEY if c != "sex"]
KEY_BUT_SERIES = [c for c in OBS_KEY if c != "series"]
# (female series, male series, total series or a fixed total): the two must add up to the total
POPULATION_BY_SEX = (("POP_FEMALE", "POP_MALE", "POP_TOTAL"), ("POP_FEMALE_PCT", "POP_MALE_PCT", 100.0))
RULES = Path(__file__).with_name("staging_rules.yaml")


@lru_cache(maxsize=None)
def sex_total_tolerance() -> float:
    """The relative gap allowed between female + male population and its total (staging_rules.yaml)."""
    return float(values(read_yaml(RULES), str(RULES))["sex_total_tolerance"])


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


def split_sex_total_mismatch(obs: pd.DataFrame, vintages: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Female and male population (counts, or shares of the total) whose sum differs from the total of the same
    vintage by more than `sex_total_tolerance()` are both held back; the total stays. Rows are compared within one
    vintage only (`vintages`: {file: vintage}; a file without one is a vintage of its own), so a 2020 split is never
    checked against a 2025 total. A pair without its total in that vintage is not checked."""
    vintage = obs["file"].map(lambda f: vintages.get(str(f).split("#")[0]) or f"file:{f}")
    work = obs.assign(vintage_key=vintage, row=obs.index)
    keys = KEY_BUT_SERIES + ["vintage_key"]
    texts: dict[int, str] = {}
    tolerance = sex_total_tolerance()
    for female, male, total in POPULATION_BY_SEX:
        pairs = work[work["series"] == female].merge(work[work["series"] == male], on=keys, suffixes=("", "_m"))
        if isinstance(total, str):
            pairs = pairs.merge(work[work["series"] == total], on=keys, suffixes=("", "_t"))
        else:
            pairs = pairs.assign(obs_value_t=total)
        summed = pairs["obs_value"] + pairs["obs_value_m"]
        gap = (summed - pairs["obs_value_t"]).abs() / pairs["obs_value_t"]
        for r in pairs.assign(summed=summed, gap=gap)[gap > tolerance].itertuples():
            against = (f"the {total} {r.obs_value_t:.12g} of the same vintage ({r.file_t} line {r.line_t})"
                       if isinstance(total, str) else f"{total:g} (both are shares of one total)")
            texts[r.row] = texts[r.row_m] = (
                f"does not add up: {female} {r.obs_value:.12g} ({r.file} line {r.line}) + {male} {r.obs_value_m:.12g} "
                f"({r.file_m} line {r.line_m}) = {r.summed:.12g}, {r.gap:.1%} away from {against}; more than "
                f"{tolerance:.0%}, so neither female nor male was staged.")
    return _hold_back(obs, pd.Index(sorted(texts)), "obs_value", "sex_total_mismatch", lambda r: texts[r.Index])
