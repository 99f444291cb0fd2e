"""A three-economy release database built in memory, for golden tests of the profiles and revisions SQL.

AAA and BBB are in ITU_AFR (population 100 and 300), CCC in ITU_EUR (600); WLD holds all three.
"""
import duckdb
import pandas as pd

from pipelines.core import warehouse

ECONOMIES = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC"], "m49": [901, 902, 903], "name": ["Aland", "Beland", "Celand"],
    "m49_region": ["Africa", "Africa", "Europe"], "m49_subregion": ["X", "X", "Y"],
    "itu_region": ["ITU_AFR", "ITU_AFR", "ITU_EUR"], "itu_region_status": ["to_verify"] * 3,
    "ldc": [True, False, False], "lldc": [False] * 3, "sids": [False] * 3,
    "wb_income_group": ["LIC", "LMC", "HIC"], "wb_income_vintage": ["FY2022"] * 3})
GROUPS = pd.DataFrame({"code": ["WLD", "ITU_AFR", "ITU_EUR"], "m49": [1, None, None],
                       "name": ["World", "Africa", "Europe"], "kind": ["world", "itu_region", "itu_region"],
                       "rule": ["all", "", ""], "status": ["confirmed"] * 3})
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
                        ("group_members", MEMBERS)):
        warehouse.write_table(con, name, frame)
    return con
