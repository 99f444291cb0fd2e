"""Country profiles: one wide row per economy and year, and a `latest` view with each value's own year.

The items (profile_items.csv) come from the staged observations; derived items (gender parity score, the 2% target)
are computed here from them; the IDI is joined when the `idi` indicator table exists in the release, otherwise its
columns stay null. Column order is fixed by `value_columns()` (schemas.profile_items) so the published contract
never depends on the data.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pipelines.core import warehouse
from schemas.profile_items import IDENTITY, ITEMS_CSV, Item, items, value_columns

HERE = Path(__file__).resolve().parent
AFFORDABILITY_TARGET_PCT = 2.0   # Broadband Commission: less than 2% of monthly GNI per capita (METHODOLOGY 4.1)


def _economy_values(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Registers the item list and the economy values as `profile_items` / `profile_values` for the comparators."""
    con.register("profile_items", pd.read_csv(ITEMS_CSV, dtype=str, keep_default_na=False).replace("", None))
    values = warehouse.run_file(con, HERE / "profile_values.sql")
    con.register("profile_values", values)
    return values


def _parity(long: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Female/male ratio wherever both are present; nature M or E when either input is, else the female one."""
    f = long[long["item"] == "internet_users_female_pct"]
    m = long[long["item"] == "internet_users_male_pct"]
    both = f.merge(m, on=keys, suffixes=("_f", "_m")).set_index(keys)
    both = both[both["value_m"] > 0]
    out = pd.DataFrame({"value": both["value_f"] / both["value_m"]}, index=both.index)
    if "nature_f" in both:
        natures = both[["nature_f", "nature_m"]]
        out["nature"] = np.where((natures == "M").any(axis=1), "M",
                                 np.where((natures == "E").any(axis=1), "E", both["nature_f"]))
    return out.reset_index().assign(item="internet_gender_parity")


def _targets(long: pd.DataFrame) -> pd.DataFrame:
    frames = []
    for prefix in ("fbb", "mbb"):
        pct = long[long["item"] == f"{prefix}_basket_pct_gni"]
        frames.append(pct.assign(item=f"{prefix}_meets_2pct",
                                 value=(pct["value"] < AFFORDABILITY_TARGET_PCT).astype(float)))
    return pd.concat(frames, ignore_index=True)


def _idi(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """IDI value and rank per economy and year, latest edition first, when the release has an `idi` table."""
    if not warehouse.table_exists(con, "idi"):
        return pd.DataFrame(columns=["ref_area", "time_period", "item", "value", "nature"])
    frame = warehouse.run_file(con, HERE / "profile_idi.sql")
    return pd.concat([frame.assign(item="idi", value=frame["idi"]), frame.assign(item="idi_rank", value=frame["rank"])],
                     ignore_index=True)[["ref_area", "time_period", "item", "value", "nature"]]


def _wide(long: pd.DataFrame, index: list[str], column: str, suffix: str) -> pd.DataFrame:
    wide = long.pivot_table(index=index, columns="item", values=column, aggfunc="first")
    wide.columns = [c if not suffix else f"{c}_{suffix}" for c in wide.columns]
    return wide


def _long_values(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    long = _economy_values(con)
    return pd.concat([long, _parity(long, ["ref_area", "time_period"]), _targets(long), _idi(con)], ignore_index=True)


def _comparators(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Region and world values as `aggregates` and `price_basket_medians` publish them (never recomputed here)."""
    parts = [warehouse.run_file(con, HERE / "profile_comparators.sql")]
    if warehouse.table_exists(con, "price_basket_medians"):
        parts.append(warehouse.run_file(con, HERE / "profile_price_comparators.sql"))
    groups = pd.concat(parts, ignore_index=True).rename(columns={"group_code": "ref_area"})
    parity = _parity(groups, ["ref_area", "time_period"])
    return pd.concat([groups, parity], ignore_index=True)[["ref_area", "time_period", "item", "value"]]


def _finish(frame: pd.DataFrame, columns: list[tuple[str, Item, str]], economies: pd.DataFrame) -> pd.DataFrame:
    """Identity columns from `economies`, every contract column present (null where no data), fixed order."""
    frame = economies.merge(frame, on="ref_area", how="inner")
    for name, it, role in columns:
        if name not in frame:
            frame[name] = None
        if role in ("value", "region", "world"):
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
            if it.kind == "flag" and role == "value":
                frame[name] = frame[name].map({1.0: True, 0.0: False}).astype("boolean")
            if it.kind == "rank" and role == "value":
                frame[name] = frame[name].round().astype("Int64")
        elif role == "year":
            frame[name] = frame[name].astype("Int64")
        else:
            frame[name] = frame[name].astype("string")
    return frame


def _economies(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return warehouse.run_file(con, HERE / "profile_economies.sql")


def _with_comparators(frame: pd.DataFrame, comparators: pd.DataFrame, region_of: pd.Series) -> pd.DataFrame:
    """Add <item>_region and <item>_world for each row's ITU region and year."""
    region_wide = _wide(comparators, ["ref_area", "time_period"], "value", "region").reset_index()
    world_wide = _wide(comparators[comparators["ref_area"] == "WLD"], ["time_period"], "value", "world").reset_index()
    frame = frame.assign(_region=frame["ref_area"].map(region_of))
    frame = frame.merge(region_wide.rename(columns={"ref_area": "_region"}), on=["_region", "time_period"], how="left")
    return frame.merge(world_wide, on="time_period", how="left").drop(columns="_region")


def country_profiles(con: duckdb.DuckDBPyConnection, params: dict) -> pd.DataFrame:
    """One row per economy and year with any profile value; region and world comparators of the same year."""
    long = _long_values(con)
    economies = _economies(con)
    keys = ["ref_area", "time_period"]
    frame = _wide(long, keys, "value", "").join(_wide(long, keys, "nature", "nature")).reset_index()
    frame = _with_comparators(frame, _comparators(con), economies.set_index("ref_area")["itu_region"])
    columns = value_columns(latest=False)
    frame = _finish(frame, columns, economies)
    return frame[IDENTITY + ["time_period"] + [c for c, _, _ in columns]].sort_values(keys).reset_index(drop=True)


def latest_profiles(profiles: pd.DataFrame) -> pd.DataFrame:
    """Per economy, each item at its latest year with a value; the year and the same-year comparators beside it."""
    identity = profiles[IDENTITY].drop_duplicates("ref_area")
    parts = {}
    for it in items():
        shown = [f"{it.item}{suffix}" for suffix in ["", "_nature"] + (["_region", "_world"] if it.comparators else [])]
        present = profiles.loc[profiles[it.item].notna(), ["ref_area", "time_period", *shown]]   # not every column
        last = present.loc[present.groupby("ref_area")["time_period"].idxmax()].set_index("ref_area")
        parts[f"{it.item}_year"] = last["time_period"]
        parts.update({column: last[column] for column in shown})
    columns = value_columns(latest=True)
    frame = _finish(pd.DataFrame(parts, index=identity["ref_area"]).reset_index(), columns, identity)
    return frame[IDENTITY + [c for c, _, _ in columns]].sort_values("ref_area").reset_index(drop=True)


def country_profiles_latest(con: duckdb.DuckDBPyConnection, params: dict) -> pd.DataFrame:
    return latest_profiles(con.sql("SELECT * FROM country_profiles").df())
