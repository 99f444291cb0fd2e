"""Economies and group membership as staged tables (world, ITU regions, LDC/LLDC/SIDS, income groups).

Membership is ITU's (pipelines/reference/economies.csv, built from ITU's own table): only economies in ITU's list
(`itu_world`) belong to any group, so the world and every group add up over the same economies ITU aggregates.
"""
from __future__ import annotations

import pandas as pd

from schemas import reference as ref


class GroupError(ValueError):
    """A group that cannot be aggregated (unknown kind, no members)."""


def economies_table() -> pd.DataFrame:
    cols = ["iso3", "m49", "name", "m49_region", "m49_subregion", "itu_region", "itu_region_status", "itu_world",
            "ldc", "lldc", "sids", "wb_income_group", "wb_income_vintage", "membership_vintage"]
    return ref.economies()[cols].sort_values("iso3").reset_index(drop=True)


def members_of(group: pd.Series, economies: pd.DataFrame) -> pd.Series:
    """The ISO3 codes of one group (a groups.csv row) among `economies`; a group without members is an error."""
    listed = economies[economies["itu_world"]]
    if group["kind"] == "world":
        members = listed["iso3"]
    elif group["kind"] == "itu_region":
        members = listed[listed["itu_region"] == group["code"]]["iso3"]
    elif group["kind"] == "un_group":
        members = listed[listed[group["rule"]]]["iso3"]
    elif group["kind"] == "income_group":
        members = listed[listed["wb_income_group"] == group["code"].removeprefix("WB_")]["iso3"]
    else:
        raise GroupError(f"pipelines/reference/groups.csv: group {group['code']} has unknown kind {group['kind']!r} "
                         "(world, itu_region, un_group, income_group)")
    if members.empty:
        raise GroupError(f"pipelines/reference/groups.csv: group {group['code']} ({group['rule']}) has no member in "
                         "pipelines/reference/economies.csv; an aggregate of no economy cannot be computed")
    return members


def group_members(economies: pd.DataFrame | None = None, groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """(group_code, iso3) for every group in groups.csv, evaluated on the economies table."""
    eco = ref.economies() if economies is None else economies
    rows = [(g["code"], iso3) for _, g in (ref.groups() if groups is None else groups).iterrows()
            for iso3 in members_of(g, eco)]
    return pd.DataFrame(rows, columns=["group_code", "iso3"]).sort_values(["group_code", "iso3"]).reset_index(drop=True)


def groups_table() -> pd.DataFrame:
    df = ref.groups().copy()
    df["m49"] = pd.to_numeric(df["m49"].replace("", None)).astype("Int64")
    return df
