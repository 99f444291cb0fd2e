"""Shared test data of the basket tests: a plan builder with defaults, small basket definitions, a chooser."""
from __future__ import annotations

import duckdb
import pandas as pd

from indicators.baskets import engine
from indicators.baskets.definitions import Rules, baskets_frame
from pipelines.core import tariff_plans

RULES = Rules()   # 30-day month, pro rata validity, 1000 MB per GB, taxed plans only
DATA_2GB = {"code": "DATA_2GB", "title": "data-only 2 GB", "years": [2020, 2030], "service": "mobile",
            "data_gb": 2, "data_only": True}
FBB_5GB = {"code": "FBB_5GB", "title": "fixed broadband 5 GB", "years": [2020, 2030], "service": "fixed_broadband",
           "data_gb": 5}
VOICE = {"code": "VOICE", "title": "70 min + 20 SMS", "years": [2020, 2030], "service": "mobile", "minutes": 70,
         "sms": 20}


def plan(name: str, fee: float, **fields) -> dict:
    """A taxed, non-promotional 30-day prepaid mobile data-only plan of Operator A (share 0.6) in KEN 2024."""
    return {"ref_area": "KEN", "time_period": 2024, "operator": "Operator A", "market_share": 0.6, "plan": name,
            "plan_type": "prepaid", "service": "mobile", "currency": "KES", "monthly_fee": fee, "validity_days": 30,
            "data_gb": None, "minutes": 0, "sms": 0, "price_per_extra_mb": None, "price_per_extra_min": None,
            "price_per_sms": None, "speed_mbps": None, "taxes_included": True, "promotional": False,
            "source": "test", "file": "plans.csv", "line": 2} | fields


def choose(plans: list[dict], *baskets: dict, rules: Rules = RULES) -> pd.DataFrame:
    frame = pd.DataFrame(plans).reindex(columns=tariff_plans.COLUMNS).astype(tariff_plans.DTYPES)
    return choose_frame(frame, baskets_frame(list(baskets)), rules).set_index("basket")


def choose_frame(plans: pd.DataFrame, baskets: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """engine.choose on these plans, as the release database's tariff_plans (rows in the frame's order)."""
    with duckdb.connect(config={"threads": 1}) as con:
        con.execute("CREATE TABLE tariff_plans AS SELECT * FROM plans")
        return engine.choose(con, baskets, rules)
