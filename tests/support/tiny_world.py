"""A three-economy release database built in memory, for golden tests of the profiles and revisions SQL.

AAA and BBB are in ITU_AFR (population 100 and 300), CCC in ITU_EUR (600); WLD holds all three. The aggregation
engine's tables are built by its own specs; price_basket_medians is written by hand (the medians of the basket values
below), since the profiles only read it.
"""
import duckdb
import pandas as pd

from indicators.loader import load_specs
from pipelines.core import warehouse
from schemas import reference as ref

ENGINE = ("sdg_9_c_1", "sdg_17_6_1", "sdg_17_8_1", "aggregate_inputs", "population_weights", "economy_fill",
          "aggregates")

ECONOMIES = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC"], "m49": [901, 902, 903], "name": ["Aland", "Beland", "Celand"],
    "m49_region": ["Africa", "Africa", "Europe"], "m49_subregion": ["X", "X", "Y"],
    "itu_region": ["ITU_AFR", "ITU_AFR", "ITU_EUR"], "itu_region_status": ["itu_2025"] * 3, "itu_world": [True] * 3,
    "ldc": [True, False, False], "lldc": [False] * 3, "sids": [False] * 3,
    "wb_income_group": ["LIC", "LMC", "HIC"], "wb_income_vintage": ["2025 (ITU)"] * 3,
    "membership_vintage": ["ITU 2025"] * 3})
GROUPS = pd.DataFrame({"code": ["WLD", "ITU_AFR", "ITU_EUR"], "m49": [1, None, None],
                       "name": ["World", "Africa", "Europe"], "kind": ["world", "itu_region", "itu_region"],
                       "rule": ["all", "", ""], "status": ["confirmed"] * 3, "membership_vintage": ["ITU 2025"] * 3})
# medians of BASKET_PRICE_PCT_GNI FBB_5GB (ITU basket i154_FBB5) 2023: Africa (1.5, 3.0) -> 2.25, world (1.5, 3.0, 0.5) -> 1.5
PRICE_MEDIANS = pd.DataFrame({"group_code": ["ITU_AFR", "ITU_EUR", "WLD"], "time_period": 2023, "basket": "i154_FBB5",
                              "method": "reported", "median_pct_gni": [2.25, 0.5, 1.5],
                              "median_price_usd": [None] * 3, "median_price_ppp": [None] * 3})
MEMBERS = pd.DataFrame({"group_code": ["WLD", "WLD", "WLD", "ITU_AFR", "ITU_AFR", "ITU_EUR"],
                        "iso3": ["AAA", "BBB", "CCC", "AAA", "BBB", "CCC"]})

# (ref_area, year, series, sex, breakdown, value, nature)
VALUES = [
    *[(area, year, "POP_TOTAL", "_T", "_T", pop, "C") for area, pop in (("AAA", 100), ("BBB", 300), ("CCC", 600))
      for year in (2023, 2024)],
    ("AAA", 2023, "POP_FEMALE", "_T", "_T", 50, "C"), ("AAA", 2023, "POP_MALE", "_T", "_T", 50, "C"),
    ("AAA", 2023, "INET_USERS_PCT", "_T", "_T", 10, "C"), ("BBB", 2023, "INET_USERS_PCT", "_T", "_T", 50, "C"),
    ("CCC", 2023, "INET_USERS_PCT", "_T", "_T", 90, "C"), ("AAA", 2024, "INET_USERS_PCT", "_T", "_T", 20, "E"),
    ("AAA", 2023, "INET_USERS_PCT", "F", "_T", 8, "C"), ("AAA", 2023, "INET_USERS_PCT", "M", "_T", 12, "C"),
    ("AAA", 2023, "BASKET_PRICE_PCT_GNI", "_T", "FBB_5GB", 1.5, "C"),
    ("BBB", 2023, "BASKET_PRICE_PCT_GNI", "_T", "FBB_5GB", 3.0, "C"),
    ("CCC", 2023, "BASKET_PRICE_PCT_GNI", "_T", "FBB_5GB", 0.5, "C"),
    ("CCC", 2023, "MOB_OWN_PCT", "F", "_T", 95, "C"),
]


def observations(values=VALUES) -> pd.DataFrame:
    rows = [{"ref_area": a, "time_period": y, "series": s, "sex": sex, "age": "_T", "urbanisation": "_T",
             "breakdown": b, "unit_measure": "PERCENT", "unit_mult": 0, "obs_value": float(v), "nature": n,
             "source": f"src-{a}", "note": None, "source_code": None, "file": "tiny.csv", "line": i + 2}
            for i, (a, y, s, sex, b, v, n) in enumerate(values)]
    return pd.DataFrame(rows)


def database(values=VALUES) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, frame in (("observations", observations(values)), ("economies", ECONOMIES), ("groups", GROUPS),
                        ("group_members", MEMBERS), ("series_catalogue", ref.series_catalogue()),
                        ("price_basket_medians", PRICE_MEDIANS)):
        warehouse.write_table(con, name, frame)
    con.execute((warehouse.SQL_DIR / "reference_views.sql").read_text(encoding="utf-8"))
    specs = {s.table: s for s in load_specs()}
    for table in ENGINE:
        specs[table].run(con, "tiny")
    return con
