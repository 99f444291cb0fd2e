"""Group aggregates from filled economy values: membership x population weight, with coverage accounting.

`fill` builds `economy_fill` (every member economy and year of each configured series, with how its value was
obtained); `aggregate` builds `aggregates`: for every group of pipelines/reference/groups.csv,
value = sum(value x population) / sum(population) over its members (METHODOLOGY 1.3 step 3; for a per-100 rate this
is sum of subscriptions / group population x 100), with the population share of members that reported
(`coverage_pct`), the counts, and the membership and population vintages used. Every aggregate is published; the
low-coverage flag is this project's option and flags rather than withholds.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.aggregates.fill import FILL_COLUMNS, OWN, fill_by_sex, fill_total, sex_ratios
from pipelines.core import warehouse

MODELLED = {"hot_deck_gni", "region_median", "region_sex_ratio"}   # from other economies: nature M; own series: E
KEYS = ["series", "sex", "ref_area", "time_period"]


def _members(con) -> pd.DataFrame:
    """ITU-listed economies with a total population, by year, with their region and log GNI per capita (nearest
    year with a value, so an economy without this year's GNI still finds a donor)."""
    members = warehouse.query(con, """
        SELECT w.ref_area, w.time_period, coalesce(e.itu_region, '') AS itu_region
        FROM population_weights w JOIN economies e ON e.iso3 = w.ref_area
        WHERE w.sex = '_T' AND e.itu_world AND w.population > 0""")
    gni = warehouse.query(con, "SELECT ref_area, time_period, gni_pc_atlas_usd FROM gni_per_capita "
                               "WHERE gni_pc_atlas_usd > 0 ORDER BY ref_area, time_period")
    members = members.sort_values(["time_period", "ref_area"]).reset_index(drop=True)
    if gni.empty:
        return members.assign(log_gni=np.nan)
    gni = gni.assign(log_gni=np.log(gni["gni_pc_atlas_usd"]), time_period=gni["time_period"].astype("int64"))
    merged = pd.merge_asof(members.assign(time_period=members["time_period"].astype("int64")),
                           gni.sort_values("time_period")[["ref_area", "time_period", "log_gni"]],
                           on="time_period", by="ref_area", direction="nearest")
    return merged


def _trend_scale(series: str, rule: dict, scales: dict) -> str:
    """The scale a series' trend is extended on, from its kind (economy_fill.yaml trend.scale)."""
    if rule.get("kind") not in scales:
        raise ValueError(f"economy_fill: series {series} needs kind: one of {', '.join(scales)} "
                         f"(got {rule.get('kind')})")
    return scales[rule["kind"]]


def fill(con, params: dict) -> pd.DataFrame:
    """economy_fill: each configured series (params `series`, and `aggregated_sdg_series` from the SDG specs) filled
    for every member and year it aggregates: the years its economies reported a total (for F and M: from the first
    year any economy reported them)."""
    trend = params["trend"]
    rules = {series: {**trend, **own, "transform": _trend_scale(series, own, trend["scale"])}
             for series, own in {**params["aggregated_sdg_series"], **params["series"]}.items()}
    inputs = warehouse.query(con, "SELECT series, sex, ref_area, time_period, obs_value, nature FROM aggregate_inputs")
    weights = warehouse.query(con, "SELECT ref_area, time_period, sex, population FROM population_weights")
    members = _members(con)
    frames = []
    for series, rule in rules.items():
        rows = inputs[inputs["series"] == series]
        total = rows[rows["sex"] == "_T"]
        if total.empty:
            continue
        years = members["time_period"].between(total["time_period"].min(), total["time_period"].max())
        filled = fill_total(total, members[years], rule)
        frames.append(filled.assign(series=series, sex="_T"))
        if not rule.get("by_sex"):
            continue
        by_sex = {sex: rows[rows["sex"] == sex] for sex in ("F", "M")}
        ratios = sex_ratios(by_sex["F"], by_sex["M"], total, weights)
        for sex, reported in by_sex.items():
            if reported.empty:
                continue
            span = filled["time_period"] >= reported["time_period"].min()
            frames.append(fill_by_sex(filled[span], reported, ratios[sex], members, rule.get("upper"),
                                      float(params["sex_total_tolerance"])).assign(series=series, sex=sex))
    if not frames:
        return pd.DataFrame(columns=FILL_COLUMNS)
    out = pd.concat(frames, ignore_index=True).merge(inputs[KEYS + ["nature"]], on=KEYS, how="left")
    out["nature"] = np.where(out["method"] == OWN, out["nature"], np.where(out["method"].isin(MODELLED), "M", "E"))
    return out[FILL_COLUMNS].sort_values(KEYS, kind="stable").reset_index(drop=True)


def weighted_aggregates(filled: pd.DataFrame, weights: pd.DataFrame, members: pd.DataFrame, groups: pd.DataFrame,
                        low_coverage_pct: float) -> pd.DataFrame:
    """Population-weighted group values from filled economy values (pure pandas, so it is tested by hand).

    filled: series, sex, ref_area, time_period, obs_value, method. weights: ref_area, time_period, sex, population,
    source. members: group_code, iso3. groups: code, m49, membership_vintage.
    """
    data = (filled.merge(weights, on=["ref_area", "time_period", "sex"])
            .merge(members.rename(columns={"iso3": "ref_area"}), on="ref_area"))
    reported = data["method"] == OWN
    data = data.assign(weighted=data["obs_value"] * data["population"],
                       reported_pop=np.where(reported, data["population"], 0.0), is_reported=reported,
                       is_modelled=data["method"].isin(MODELLED))
    keys = ["series", "sex", "group_code", "time_period"]
    agg = data.groupby(keys).agg(weighted=("weighted", "sum"), population=("population", "sum"),
                                 reported_pop=("reported_pop", "sum"), economies_total=("ref_area", "nunique"),
                                 economies_reported=("is_reported", "sum"), economies_modelled=("is_modelled", "sum"),
                                 ).reset_index()
    agg = agg.merge(_joined_sources(data, keys), on=keys)
    size = members.groupby("group_code")["iso3"].nunique().rename("group_members").reset_index()
    agg = agg.merge(size, on="group_code")
    agg["obs_value"] = agg["weighted"] / agg["population"]
    agg["coverage_pct"] = agg["reported_pop"] / agg["population"] * 100
    agg["economies_imputed"] = agg["economies_total"] - agg["economies_reported"]
    agg["low_coverage"] = agg["coverage_pct"] < low_coverage_pct
    agg["nature"] = np.where(agg["economies_imputed"] > 0, "M", "E")
    agg["comment"] = [
        f"population-weighted mean over {t} of the group's {g} members with a population; {r} reported "
        f"({c:.1f}% of the population), {t - r - m} filled from their own series, {m} from other economies"
        for t, g, r, c, m in zip(agg["economies_total"], agg["group_members"], agg["economies_reported"],
                                 agg["coverage_pct"], agg["economies_modelled"])]
    agg = agg.rename(columns={"group_code": "ref_area"}).merge(
        groups.rename(columns={"code": "ref_area", "m49": "ref_area_m49"})[
            ["ref_area", "ref_area_m49", "membership_vintage"]], on="ref_area")
    columns = ["series", "sex", "ref_area", "ref_area_m49", "time_period", "obs_value", "population", "coverage_pct",
               "economies_total", "economies_reported", "economies_imputed", "nature", "low_coverage",
               "membership_vintage", "population_source", "comment"]
    return agg[columns].sort_values(KEYS, kind="stable").reset_index(drop=True)


def _joined_sources(data: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The population sources of each group's values, sorted and joined by '; ' (keys, population_source). Nearly
    every group has one source: only the others are joined in Python (a join per group was a third of this step)."""
    sources = data[keys + ["source"]].drop_duplicates().sort_values(keys + ["source"])
    several = sources.duplicated(keys, keep=False)
    joined = sources[several].groupby(keys)["source"].agg("; ".join).reset_index()
    return pd.concat([sources[~several], joined], ignore_index=True).rename(columns={"source": "population_source"})


def population_totals(weights: pd.DataFrame, members: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """The population of each group, year and sex (series POP_TOTAL, a sum over every member with a population), in
    the columns of `weighted_aggregates`: the denominator of its aggregates, and the profiles' group population."""
    as_values = weights[["ref_area", "time_period", "sex"]].assign(series="POP_TOTAL", obs_value=1.0, method=OWN)
    out = weighted_aggregates(as_values, weights, members, groups, low_coverage_pct=0.0)
    out["obs_value"] = out["population"]
    out["comment"] = [f"sum over the {n} members with a population" for n in out["economies_total"]]
    return out


def aggregate(con, params: dict) -> pd.DataFrame:
    """aggregates: every group, series, sex and year of economy_fill, and the groups' populations."""
    filled = warehouse.query(con, "SELECT * FROM economy_fill")
    weights = warehouse.query(con, "SELECT ref_area, time_period, sex, population, source FROM population_weights")
    members = warehouse.query(con, "SELECT group_code, iso3 FROM group_members")
    groups = warehouse.query(con, "SELECT code, m49, membership_vintage FROM groups")
    out = pd.concat([weighted_aggregates(filled, weights, members, groups, float(params["low_coverage_pct"])),
                     population_totals(weights, members, groups)], ignore_index=True)
    return out.sort_values(KEYS, kind="stable").reset_index(drop=True)
