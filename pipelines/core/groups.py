"""Economies and group membership as staged tables (ITU regions, LDC/LLDC/SIDS, income groups, world)."""
from __future__ import annotations

import pandas as pd

from pipelines.core import reference as ref


def economies_table() -> pd.DataFrame:
    cols = ["iso3", "m49", "name", "m49_region", "m49_subregion", "itu_region", "itu_region_status", "ldc", "lldc",
            "sids", "wb_income_group", "wb_income_vintage"]
    return ref.economies()[cols].sort_values("iso3").reset_index(drop=True)


def group_members() -> pd.DataFrame:
    """(group_code, iso3) for every group in groups.csv, evaluated on the economies table."""
    eco = ref.economies()
    rows = []
    for g in ref.groups().itertuples():
        if g.kind == "world":
            members = eco[eco["itu_region"] != ""]["iso3"]
        elif g.kind == "itu_region":
            members = eco[eco["itu_region"] == g.code]["iso3"]
        elif g.kind == "un_group":
            members = eco[eco[g.rule]]["iso3"]
        elif g.kind == "income_group":
            members = eco[eco["wb_income_group"] == g.code.removeprefix("WB_")]["iso3"]
        else:
            raise ValueError(f"groups.csv: unknown kind {g.kind!r} for {g.code}")
        rows += [(g.code, iso3) for iso3 in members]
    return pd.DataFrame(rows, columns=["group_code", "iso3"]).sort_values(["group_code", "iso3"]).reset_index(drop=True)


def groups_table() -> pd.DataFrame:
    df = ref.groups().copy()
    df["m49"] = pd.to_numeric(df["m49"].replace("", None)).astype("Int64")
    return df
