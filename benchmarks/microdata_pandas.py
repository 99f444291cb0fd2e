"""The baseline: the same microdata computation written the straightforward way in pandas.

Same rules (rows failing a check are dropped), same domains (every combination of sex, age group and urban/rural and
their totals), same estimator (Taylor linearisation, PSUs with replacement within strata, single-PSU strata add no
variance). It loads every file into memory, as a pandas user would.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from pipelines.microdata.estimator import age_groups, load_config
from schemas.microdata_columns import (HOUSEHOLD_FIELDS, HOUSEHOLD_QUESTIONS, MAX_AGE, PERSON_QUESTIONS, REQUIRED,
                                        SURVEY_KEY)

DIMENSIONS = ["sex", "age_group", "urbanisation"]
ROUND = SURVEY_KEY


def usable_rows(df: pd.DataFrame, economies: set[str]) -> pd.DataFrame:
    answers = PERSON_QUESTIONS + HOUSEHOLD_QUESTIONS
    ok = df[REQUIRED].notna().all(axis=1)
    ok &= df["ref_area"].isin(economies) & (df["person_weight"] > 0) & (df["household_weight"] > 0)
    ok &= df["sex"].isin(["F", "M"]) & df["urbanisation"].isin(["U", "R"]) & df["age"].between(0, MAX_AGE)
    for q in answers:
        ok &= df[q].isna() | df[q].isin([0, 1])
    ok &= ~df.duplicated(ROUND + ["person_id"], keep=False)
    fields = df[HOUSEHOLD_FIELDS].astype("string")
    members = fields.fillna("<empty>").groupby([df[c] for c in ROUND + ["household_id"]])
    ok &= (members.transform("nunique") <= 1).all(axis=1)          # an empty value counts as a value of its own
    return df[ok]


def domain_estimates(df: pd.DataFrame, question: str, weight: str, dims: list[str], psus: pd.DataFrame) -> pd.DataFrame:
    data = df[df[question].notna()].assign(_wy=lambda d: d[weight] * d[question])
    keys = ROUND + dims
    per_psu = data.groupby(keys + ["stratum", "psu"], observed=True).agg(
        sw=(weight, "sum"), swy=("_wy", "sum"), n=(question, "count")).reset_index()
    domain = per_psu.groupby(keys).agg(W=("sw", "sum"), Y=("swy", "sum"), n=("n", "sum")).reset_index()
    per_psu = per_psu.merge(domain[keys + ["W", "Y"]], on=keys)
    per_psu["z"] = (per_psu["swy"] - per_psu["Y"] / per_psu["W"] * per_psu["sw"]) / per_psu["W"]
    per_psu["z2"] = per_psu["z"] ** 2
    strata = per_psu.groupby(keys + ["stratum"]).agg(z=("z", "sum"), z2=("z2", "sum")).reset_index()
    strata = strata.merge(psus, on=ROUND + ["stratum"])
    nh = strata["n_psu"]
    strata["v"] = np.where(nh > 1, nh / (nh - 1).clip(lower=1) * (strata["z2"] - strata["z"] ** 2 / nh), 0.0)
    variance = strata.groupby(keys)["v"].sum().rename("variance").reset_index()
    out = domain.merge(variance, on=keys)
    out["estimate"] = 100 * out["Y"] / out["W"]
    out["standard_error"] = 100 * np.sqrt(out["variance"].clip(lower=0))
    for d in DIMENSIONS:
        if d not in dims:
            out[d] = "_T"
    return out.rename(columns={"age_group": "age", "n": "respondents"}).assign(variable=question)[
        ROUND + ["variable", "sex", "age", "urbanisation", "estimate", "standard_error", "respondents"]]


def estimate(files: list, economies: set[str]) -> pd.DataFrame:
    df = usable_rows(pd.concat([pd.read_parquet(f) for f in files], ignore_index=True), economies)
    groups = pd.Series(age_groups(load_config()))
    df["age_group"] = df["age"].map(groups)
    psus = df.groupby(ROUND + ["stratum"])["psu"].nunique().rename("n_psu").reset_index()
    households = df.drop_duplicates(ROUND + ["household_id"])
    parts = []
    for size in range(4):
        for dims in map(list, combinations(DIMENSIONS, size)):
            persons = df[df["age_group"].notna()] if "age_group" in dims else df
            parts += [domain_estimates(persons, q, "person_weight", dims, psus) for q in PERSON_QUESTIONS]
            if dims in ([], ["urbanisation"]):
                parts += [domain_estimates(households, q, "household_weight", dims, psus)
                          for q in HOUSEHOLD_QUESTIONS]
    return pd.concat(parts, ignore_index=True)


def estimate_internet_use(files: list) -> pd.DataFrame:
    """SDG 17.8.1 only, by sex x urban/rural with totals and Taylor SEs, the plain pandas way: read the columns it
    needs from every file, no validation (the issue's baseline for `isoc microdata estimate`)."""
    needed = ROUND + ["stratum", "psu", "person_weight", "sex", "urbanisation", "internet_3m"]
    df = pd.concat([pd.read_parquet(f, columns=needed) for f in files], ignore_index=True)
    psus = df.groupby(ROUND + ["stratum"])["psu"].nunique().rename("n_psu").reset_index()
    return pd.concat([domain_estimates(df, "internet_3m", "person_weight", dims, psus)
                      for dims in ([], ["sex"], ["urbanisation"], ["sex", "urbanisation"])], ignore_index=True)
