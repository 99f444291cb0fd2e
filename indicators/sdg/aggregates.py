"""Regional and world aggregates of 9.c.1, 17.6.1 (total) and 17.8.1, the way ITU describes them (METHODOLOGY 1.3).

Two steps, each its own table so a statistician can see every imputed input:
1. `fill`: every economy with a population gets a value for every year of a series: the reported value, else a
   nearest-year carry with trend (interpolation between reported years, or the trend of the two nearest reported
   years on one side, within `max_gap_years`), else the median of its peers (same ITU region and income group,
   then same ITU region, then all economies). Trend values carry nature E, peer medians M; never C.
2. `aggregate`: population-weighted mean over each group's members (sum of values x population / sum of
   population), with the population share of economies that reported (`coverage_pct`) and the counts. An aggregate
   below `min_coverage_pct` is kept in the table with published = false and never reaches sdg_indicators.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.core import warehouse

SOURCES_SQL = """
SELECT series, ref_area, time_period, sex, obs_value, nature FROM sdg_17_8_1
    WHERE age = '_T' AND urbanisation = '_T'
UNION ALL
SELECT series, ref_area, time_period, sex, obs_value, nature FROM sdg_9_c_1
    WHERE sex = '_T' AND age = '_T' AND urbanisation = '_T'
UNION ALL
SELECT series, ref_area, time_period, sex, obs_value, nature FROM sdg_17_6_1
    WHERE series = 'IT_NET_BBND' AND composite_breakdown = '_T' AND age = '_T' AND urbanisation = '_T'
"""
WEIGHTS_SQL = """
SELECT ref_area, time_period, '_T' AS sex, population FROM population
UNION ALL
SELECT ref_area, time_period, CASE series WHEN 'POP_FEMALE' THEN 'F' ELSE 'M' END, obs_value FROM observations
    WHERE series IN ('POP_FEMALE', 'POP_MALE') AND age = '_T' AND urbanisation = '_T'
"""
INDICATOR_OF_SERIES = {"IT_USE_ii99": "17.8.1", "IT_NET_BBND": "17.6.1", "IT_MOB_2GNTWK": "9.c.1",
                       "IT_MOB_3GNTWK": "9.c.1", "IT_MOB_4GNTWK": "9.c.1", "IT_MOB_5GNTWK": "9.c.1"}
BOUNDED = {"IT_NET_BBND": (0.0, None)}   # per-100 rates have no upper bound; percentages lie in [0, 100]
FILL_COLUMNS = ["series", "sex", "ref_area", "time_period", "obs_value", "method", "nature"]


def _trend(years: np.ndarray, values: np.ndarray, year: int, max_gap: int) -> tuple[float, str] | None:
    """Value for `year` from the economy's reported years, or None when the nearest one is too far away."""
    before, after = years[years < year], years[years > year]
    if len(before) and len(after) and after[0] - before[-1] <= 2 * max_gap:
        return float(np.interp(year, years, values)), "trend_interpolated"
    side = before[::-1] if len(before) else after
    if not len(side) or abs(year - side[0]) > max_gap:
        return None
    v0 = values[years == side[0]][0]
    if len(side) < 2:
        return float(v0), "carried_nearest_year"
    v1 = values[years == side[1]][0]
    slope = (v0 - v1) / (side[0] - side[1])
    return float(v0 + slope * (year - side[0])), "trend_extrapolated"


def fill_series(reported: pd.DataFrame, members: pd.DataFrame, max_gap: int, bounds: tuple) -> pd.DataFrame:
    """One series and sex: reported rows + trend values + peer medians for every (economy, year) in `members`.

    reported: ref_area, time_period, obs_value. members: ref_area, time_period, itu_region, wb_income_group.
    Returns ref_area, time_period, obs_value, method.
    """
    by_area = {a: (g["time_period"].to_numpy(), g["obs_value"].to_numpy())
               for a, g in reported.sort_values("time_period").groupby("ref_area")}
    have = set(zip(reported["ref_area"], reported["time_period"]))
    rows = [(r.ref_area, r.time_period, r.obs_value, "reported") for r in reported.itertuples()]
    missing = members[[(a, t) not in have for a, t in zip(members["ref_area"], members["time_period"])]]
    for r in missing.itertuples():
        if r.ref_area in by_area:
            got = _trend(*by_area[r.ref_area], r.time_period, max_gap)
            if got:
                rows.append((r.ref_area, r.time_period, float(np.clip(got[0], *bounds)), got[1]))
    filled = pd.DataFrame(rows, columns=["ref_area", "time_period", "obs_value", "method"])
    return pd.concat([filled, _peer_medians(filled, members)], ignore_index=True)


def _peer_medians(filled: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Economies still without a value take the median of their peers' values that year."""
    known = members.merge(filled, on=["ref_area", "time_period"])
    todo = members.merge(filled[["ref_area", "time_period"]], on=["ref_area", "time_period"], how="left",
                         indicator=True)
    todo = todo[todo["_merge"] == "left_only"].drop(columns="_merge")
    out = []
    for pool, keys in (("median_region_income", ["itu_region", "wb_income_group"]), ("median_region", ["itu_region"]),
                       ("median_all_economies", [])):
        if todo.empty:
            break
        medians = known.groupby(["time_period", *keys], dropna=False)["obs_value"].median().rename("obs_value")
        got = todo.merge(medians.reset_index(), on=["time_period", *keys], how="inner")
        out.append(got[["ref_area", "time_period", "obs_value"]].assign(method=pool))
        todo = todo.merge(got[["ref_area", "time_period"]], how="left", indicator=True)
        todo = todo[todo["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat(out, ignore_index=True) if out else filled.iloc[0:0]


def fill(con, params: dict) -> pd.DataFrame:
    """Every economy-year-series-sex the aggregates need, with how its value was obtained."""
    values = warehouse.query(con, SOURCES_SQL)
    weights = warehouse.query(con, WEIGHTS_SQL)
    economies = warehouse.query(con, "SELECT iso3 AS ref_area, itu_region, wb_income_group FROM economies")
    frames = []
    for (series, sex), reported in values.groupby(["series", "sex"], sort=True):
        years = range(int(reported["time_period"].min()), int(reported["time_period"].max()) + 1)
        w = weights[(weights["sex"] == sex) & weights["time_period"].isin(years) & (weights["population"] > 0)]
        members = w[["ref_area", "time_period"]].merge(economies, on="ref_area")
        reported = reported.merge(members[["ref_area", "time_period"]], on=["ref_area", "time_period"])
        if reported.empty:
            continue
        filled = fill_series(reported[["ref_area", "time_period", "obs_value"]], members,
                             int(params["max_gap_years"]), BOUNDED.get(series, (0.0, 100.0)))
        filled = filled.merge(reported[["ref_area", "time_period", "nature"]], on=["ref_area", "time_period"],
                              how="left")
        frames.append(filled.assign(series=series, sex=sex))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FILL_COLUMNS)
    imputed = out["method"] != "reported"
    out.loc[imputed, "nature"] = np.where(out.loc[imputed, "method"].str.startswith("median"),
                                          params["nature_peer_median"], params["nature_trend"])
    return out[FILL_COLUMNS].sort_values(FILL_COLUMNS[:4], kind="stable").reset_index(drop=True)


def aggregate_frame(filled: pd.DataFrame, weights: pd.DataFrame, members: pd.DataFrame, groups: pd.DataFrame,
                    min_coverage_pct: float, nature_complete: str, nature_imputed: str) -> pd.DataFrame:
    """Population-weighted group values from filled economy values (pure pandas, so it is tested by hand)."""
    data = (filled.merge(weights, on=["ref_area", "time_period", "sex"])
            .merge(members.rename(columns={"iso3": "ref_area"}), on="ref_area"))
    data = data.assign(weighted=data["obs_value"] * data["population"],
                       reported_pop=np.where(data["method"] == "reported", data["population"], 0.0),
                       is_reported=data["method"] == "reported")
    keys = ["series", "sex", "group_code", "time_period"]
    agg = data.groupby(keys).agg(weighted=("weighted", "sum"), population=("population", "sum"),
                                 reported_pop=("reported_pop", "sum"), economies_total=("ref_area", "nunique"),
                                 economies_reported=("is_reported", "sum")).reset_index()
    size = members.groupby("group_code")["iso3"].nunique().rename("group_members")
    agg = agg.merge(size.reset_index(), on="group_code")
    agg["obs_value"] = agg["weighted"] / agg["population"]
    agg["coverage_pct"] = agg["reported_pop"] / agg["population"] * 100
    agg["economies_imputed"] = agg["economies_total"] - agg["economies_reported"]
    agg["published"] = (agg["coverage_pct"] >= min_coverage_pct) & (agg["economies_reported"] > 0)
    agg["nature"] = np.where(agg["economies_imputed"] > 0, nature_imputed, nature_complete)
    agg["indicator"] = agg["series"].map(INDICATOR_OF_SERIES)
    agg["comment"] = [
        f"population-weighted over {t} members with population (of {g} in the group); {r} reported ({c:.1f}% of the population), "
        f"{i} imputed" + ("" if p else f"; not published: coverage below {min_coverage_pct:g}%")
        for t, g, r, c, i, p in zip(agg["economies_total"], agg["group_members"], agg["economies_reported"],
                                    agg["coverage_pct"], agg["economies_imputed"], agg["published"])]
    agg = agg.rename(columns={"group_code": "ref_area"}).merge(
        groups.rename(columns={"code": "ref_area", "m49": "ref_area_m49"})[["ref_area", "ref_area_m49"]], on="ref_area")
    columns = ["indicator", "series", "ref_area", "ref_area_m49", "time_period", "sex", "obs_value", "coverage_pct",
               "economies_total", "economies_reported", "economies_imputed", "nature", "published", "comment"]
    return agg[columns].sort_values(["series", "ref_area", "time_period", "sex"], kind="stable").reset_index(drop=True)


def aggregate(con, params: dict) -> pd.DataFrame:
    """Aggregates of every group for every filled series and sex (F/M only where every member's sex population is
    known: a group-year with a gap is left out rather than weighted by a guess)."""
    filled = warehouse.query(con, "SELECT * FROM sdg_economy_fill")
    weights = warehouse.query(con, WEIGHTS_SQL)
    members = warehouse.query(con, "SELECT group_code, iso3 FROM group_members")
    groups = warehouse.query(con, "SELECT code, m49 FROM groups")
    out = aggregate_frame(filled, weights, members, groups, float(params["min_coverage_pct"]),
                          params["nature_complete"], params["nature_imputed"])
    total_members = (weights[weights["sex"] == "_T"].merge(members, left_on="ref_area", right_on="iso3")
                     .groupby(["group_code", "time_period"]).size().rename("with_population"))
    by_sex = out["sex"] != "_T"
    check = out[by_sex].merge(total_members.reset_index().rename(columns={"group_code": "ref_area"}),
                              on=["ref_area", "time_period"], how="left")
    complete = (check["economies_total"] == check["with_population"]).to_numpy()
    return pd.concat([out[~by_sex], out[by_sex][complete]]).sort_values(
        ["series", "ref_area", "time_period", "sex"], kind="stable").reset_index(drop=True)
