"""Fill every member economy for every year before aggregating (METHODOLOGY 1.3, step 1).

ITU fills each economy first and then aggregates; it describes its imputation (hot-deck on similar economies by GNI
per capita and geography, regression, time-series forecast) without publishing its parameters. This module is the
project's documented version of that method, configured in economy_fill.yaml:

1. own series: linear interpolation between reported years; before the first and after the last reported year a
   damped trend of the last `trend_points` reported years on the scale of the series' kind (trend.scale),
   for at most `max_extrapolation_years` (nature E);
2. hot-deck: an economy with no own value near the year takes the value of the member of its ITU region (all members
   for economies in no region) with the nearest GNI per capita that has an own value that year (nature M);
3. by sex: the female and male values of an economy without them are its total times its own female (male) ratio
   to the total its female and male values imply (interpolated or carried from its reported years, E), else the
   median ratio of its ITU region that year (M); reported values whose implied total is not the year's total
   (another source or vintage won the total) are scaled to it (E).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

FILL_COLUMNS = ["series", "sex", "ref_area", "time_period", "obs_value", "method", "nature", "donor"]
OWN = "reported"
EPSILON = 1e-6


def _to_scale(values: np.ndarray, transform: str, upper: float | None) -> np.ndarray:
    if transform == "logit":
        p = np.clip(values / upper, EPSILON, 1 - EPSILON)
        return np.log(p / (1 - p))
    if transform == "log":
        return np.log(np.maximum(values, EPSILON))
    return values


def _from_scale(z: float, transform: str, upper: float | None) -> float:
    if transform == "logit":
        return float(upper / (1 + np.exp(-z)))
    if transform == "log":
        return float(np.exp(z))
    return float(np.clip(z, 0.0, upper if upper is not None else np.inf))


def _trend_slope(years: np.ndarray, scale: np.ndarray) -> float | None:
    """Least-squares slope per year; None for a single point."""
    if len(years) < 2:
        return None
    x = years - years.mean()
    return float((x * (scale - scale.mean())).sum() / (x * x).sum())


def own_series(years: np.ndarray, values: np.ndarray, wanted: np.ndarray, rule: dict) -> list[tuple[int, float, str]]:
    """(year, value, method) for the `wanted` years one economy did not report, from its own reported years.

    `rule`: transform (logit | log | linear), upper (the bound of a share), trend_points, damping and
    max_extrapolation_years. A year too far from any reported one is left out (the hot-deck fills it).
    """
    transform, upper = rule["transform"], rule.get("upper")
    phi, horizon, k = float(rule["damping"]), int(rule["max_extrapolation_years"]), int(rule["trend_points"])
    scale = _to_scale(values, transform, upper)
    forward, backward = _trend_slope(years[-k:], scale[-k:]), _trend_slope(years[:k], scale[:k])
    out = []
    for year in wanted:
        if years[0] < year < years[-1]:
            out.append((int(year), float(np.interp(year, years, values)), "interpolated"))
            continue
        after = year > years[-1]
        steps = int(year - years[-1]) if after else int(years[0] - year)
        slope = forward if after else backward
        if steps > horizon:
            continue
        if slope is None:
            out.append((int(year), float(values[-1] if after else values[0]), "carried"))
            continue
        damped = sum(phi ** i for i in range(1, steps + 1))
        z = (scale[-1] + slope * damped) if after else (scale[0] - slope * damped)
        out.append((int(year), _from_scale(z, transform, upper), "extrapolated" if after else "backcast"))
    return out


def hot_deck(have: pd.DataFrame, todo: pd.DataFrame) -> pd.DataFrame:
    """Donor values for `todo` (ref_area, time_period, itu_region, log_gni) from `have` (the same columns plus
    obs_value): the member of the same ITU region (any member for economies without one) with the nearest GNI per
    capita that year (the first in `have`'s order on a tie); without a GNI per capita, the region's median. Returns
    ref_area, time_period, obs_value, method, donor, by year and region.

    Columns are taken out as arrays once and each year and region is a few array operations (a pandas selection per
    group cost 4 of the 7 s of economy_fill on ../shared/data, under a profiler)."""
    columns = ["ref_area", "time_period", "obs_value", "method", "donor"]
    if todo.empty:
        return pd.DataFrame(columns=columns)
    h_year, h_region = have["time_period"].to_numpy("int64"), have["itu_region"].to_numpy(object)
    h_value, h_area, h_gni = (have["obs_value"].to_numpy(float), have["ref_area"].to_numpy(object),
                              have["log_gni"].to_numpy(float))
    pools = {year: np.flatnonzero(h_year == year) for year in np.unique(h_year)}
    todo = todo.sort_values(["time_period", "itu_region"], kind="stable")
    t_year, t_region = todo["time_period"].to_numpy("int64"), todo["itu_region"].to_numpy(object)
    t_area, t_gni = todo["ref_area"].to_numpy(object), todo["log_gni"].to_numpy(float)
    starts = np.flatnonzero(np.r_[True, (t_year[1:] != t_year[:-1]) | (t_region[1:] != t_region[:-1])])
    kept, values, donors, nearest_any = [], [], [], []
    for start, stop in zip(starts, np.r_[starts[1:], len(todo)]):
        pool = pools.get(t_year[start])
        if pool is None:
            continue
        region = t_region[start]
        if region and (h_region[pool] == region).any():
            pool = pool[h_region[pool] == region]
        known = pool[~np.isnan(h_gni[pool])]
        wanted = t_gni[start:stop]
        nearest = ~np.isnan(wanted) & (len(known) > 0)
        value = np.full(stop - start, float(np.median(h_value[pool])))
        donor = np.full(stop - start, None, dtype=object)
        if nearest.any():
            best = known[np.argmin(np.abs(h_gni[known][None, :] - wanted[nearest][:, None]), axis=1)]
            value[nearest], donor[nearest] = h_value[best], h_area[best]
        kept.append(np.arange(start, stop))
        values.append(value)
        donors.append(donor)
        nearest_any.append(nearest)
    if not kept:
        return pd.DataFrame(columns=columns)
    rows, nearest = np.concatenate(kept), np.concatenate(nearest_any)
    return pd.DataFrame({"ref_area": t_area[rows], "time_period": t_year[rows], "obs_value": np.concatenate(values),
                         "method": np.where(nearest, "hot_deck_gni", "region_median"),
                         "donor": np.concatenate(donors)})


def _by_area(frame: pd.DataFrame, column: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{economy: (years, values)} sorted by year, from a frame of ref_area, time_period and `column`."""
    frame = frame.sort_values(["ref_area", "time_period"], kind="stable")
    areas = frame["ref_area"].to_numpy(object)
    years, values = frame["time_period"].to_numpy("int64"), frame[column].to_numpy(float)
    cuts = np.flatnonzero(areas[1:] != areas[:-1]) + 1
    return {a[0]: (y, v) for a, y, v in zip(np.split(areas, cuts), np.split(years, cuts), np.split(values, cuts))
            if len(a)}


def fill_total(reported: pd.DataFrame, members: pd.DataFrame, rule: dict) -> pd.DataFrame:
    """Every (member, year) of one series, sex _T: reported, own-series and hot-deck values.

    reported: ref_area, time_period, obs_value. members: ref_area, time_period, itu_region, log_gni (one row per
    member economy and year wanted). Returns ref_area, time_period, obs_value, method, donor.
    """
    reported = reported.astype({"time_period": "int64", "obs_value": "float64"})
    wanted = {a: y for a, (y, _) in _by_area(members.assign(_=0.0), "_").items()}
    rows = []
    for area, (years, values) in _by_area(reported, "obs_value").items():
        if area in wanted:
            reported_years = set(years.tolist())
            missing = [year for year in wanted[area].tolist() if year not in reported_years]
            rows += [(area, y, v, m) for y, v, m in own_series(years, values, missing, rule)]
    own = pd.concat([reported[["ref_area", "time_period", "obs_value"]].assign(method=OWN),
                     pd.DataFrame(rows, columns=["ref_area", "time_period", "obs_value", "method"])],
                    ignore_index=True).assign(donor=None)
    have = own.merge(members, on=["ref_area", "time_period"])
    todo = members.merge(own[["ref_area", "time_period"]], how="left", indicator=True)
    todo = todo[todo["_merge"] == "left_only"].drop(columns="_merge")
    out = pd.concat([have[own.columns], hot_deck(have, todo)], ignore_index=True)
    return out.astype({"time_period": "int64", "obs_value": "float64"})


def sex_ratios(female: pd.DataFrame, male: pd.DataFrame, total: pd.DataFrame, weights: pd.DataFrame
               ) -> dict[str, pd.DataFrame]:
    """Each reported female and male value as a ratio to its own total: the total implied by the female and male
    values and the population by sex, (F x popF + M x popM) / (popF + popM), so that the ratio does not depend on
    which source won the headline total; where one sex or the population by sex is missing, the staged total of the
    year. Frames of ref_area, time_period, obs_value in; {"F"|"M": ref_area, time_period, ratio} out."""
    keys = ["ref_area", "time_period"]
    pop = weights.pivot_table(index=keys, columns="sex", values="population").reindex(columns=["F", "M"])
    both = (female.set_index(keys)["obs_value"].rename("F").to_frame()
            .join(male.set_index(keys)["obs_value"].rename("M"), how="outer")
            .join(pop.rename(columns={"F": "popF", "M": "popM"}), how="left")
            .join(total.set_index(keys)["obs_value"].rename("T"), how="left"))
    implied = (both["F"] * both["popF"] + both["M"] * both["popM"]) / (both["popF"] + both["popM"])
    base = implied.fillna(both["T"])
    out = {}
    for sex in ("F", "M"):
        ratio = (both[sex] / base).where(base > 0)
        out[sex] = ratio.dropna().rename("ratio").reset_index()
    return out


def fill_by_sex(total: pd.DataFrame, reported: pd.DataFrame, ratios: pd.DataFrame, members: pd.DataFrame,
                upper: float | None, tolerance: float) -> pd.DataFrame:
    """Female or male values for every filled total: reported where given, else total x the economy's own ratio
    (`sex_ratios`; interpolated between, carried beyond its reported years), else total x its ITU region's median
    ratio that year. total: ref_area, time_period, obs_value (filled); reported: the sex's reported rows (ref_area,
    time_period, obs_value); tolerance: see `_scaled_to_total`. Returns ref_area, time_period, obs_value, method,
    donor."""
    reported = reported.astype({"time_period": "int64", "obs_value": "float64"})
    ratios = ratios.astype({"time_period": "int64", "ratio": "float64"})
    reported = _scaled_to_total(reported, total, ratios, tolerance)
    todo = total.merge(reported[["ref_area", "time_period"]], how="left", indicator=True)
    todo = todo[todo["_merge"] == "left_only"].drop(columns="_merge")
    own = _by_area(ratios, "ratio")
    todo["ratio"] = [float(np.interp(t, *own[a])) if a in own else np.nan
                     for a, t in zip(todo["ref_area"], todo["time_period"])]
    todo["method"] = np.where(todo["ratio"].notna(), "own_sex_ratio", "region_sex_ratio")
    region_of = members.drop_duplicates("ref_area").set_index("ref_area")["itu_region"]
    pool = pd.concat([ratios[["ref_area", "time_period", "ratio"]],
                      todo.loc[todo["ratio"].notna(), ["ref_area", "time_period", "ratio"]]])
    for frame in (pool, todo):   # reindex keeps the column text even when no economy has a region
        frame["itu_region"] = region_of.reindex(frame["ref_area"]).fillna("").to_numpy()
    by_region = pool.groupby(["time_period", "itu_region"])["ratio"].median().rename("region_ratio").reset_index()
    by_year = pool.groupby("time_period")["ratio"].median().rename("world_ratio").reset_index()
    todo = todo.merge(by_region, on=["time_period", "itu_region"], how="left").merge(by_year, on="time_period",
                                                                                      how="left")
    todo["ratio"] = todo["ratio"].fillna(todo["region_ratio"]).fillna(todo["world_ratio"])
    todo = todo[todo["ratio"].notna()]
    value = todo["obs_value"] * todo["ratio"]
    todo["obs_value"] = value.clip(upper=upper) if upper else value
    out = pd.concat([reported[["ref_area", "time_period", "obs_value", "method"]],
                     todo[["ref_area", "time_period", "obs_value", "method"]]], ignore_index=True)
    return out.assign(donor=None)


def _scaled_to_total(reported: pd.DataFrame, total: pd.DataFrame, ratios: pd.DataFrame, tolerance: float
                     ) -> pd.DataFrame:
    """Reported female or male values with a method: kept (`reported`) when the total they imply is the year's total
    within `tolerance` (relative; economy_fill.yaml sex_total_tolerance), else the total x their ratio
    (`scaled_to_total`), e.g. a survey's values by sex beside a newer vintage's total, so that female, male and total
    aggregates describe one population."""
    keys = ["ref_area", "time_period"]
    data = (reported.merge(ratios, on=keys, how="left")
            .merge(total[keys + ["obs_value"]].rename(columns={"obs_value": "total"}), on=keys, how="left"))
    implied = data["obs_value"] / data["ratio"]
    off = (implied - data["total"]).abs() > tolerance * data["total"]
    data["obs_value"] = np.where(off, data["total"] * data["ratio"], data["obs_value"])
    data["method"] = np.where(off, "scaled_to_total", OWN)
    return data[keys + ["obs_value", "method"]]
