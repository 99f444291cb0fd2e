"""The staged `tariff_plans` table: one row per tariff plan (not an observation), as the basket engine reads it.

The input schema (CSV or the Tariffs sheet of the submission workbook) is documented in docs/tariff_plans.md.
Conventions kept from the input: an empty data_gb, minutes or sms means unlimited (NULL here); an empty per-unit
price means the plan sells no extra units of that kind; `service` is derived from speed_mbps when the input leaves
it empty (a speed means fixed broadband, no speed means mobile). The optional collection-rule columns (technology,
wifi_hotspot_only, commitment_months, one_time_fee) are NULL when the input does not state them.
"""
from __future__ import annotations

import pandas as pd

from schemas.codelists import FLAGS
from schemas.values import number_values, year_values

TABLE = "tariff_plans"
INPUT_COLUMNS = ["ref_area", "year", "operator", "market_share", "plan", "plan_type", "currency", "monthly_fee",
                 "validity_days", "data_gb", "minutes", "sms", "price_per_extra_mb", "price_per_extra_min",
                 "price_per_sms", "speed_mbps", "taxes_included", "promotional"]
CALL_PRICE_COLUMNS = ["price_per_min_on_net", "price_per_min_off_net", "price_per_min_fixed"]   # by destination
RULE_COLUMNS = ["technology", "wifi_hotspot_only", "commitment_months", "one_time_fee"]   # collection rules
OPTIONAL_COLUMNS = ["service", *CALL_PRICE_COLUMNS, *RULE_COLUMNS]
NUMBER_COLUMNS = ["market_share", "monthly_fee", "data_gb", "minutes", "sms", "price_per_extra_mb",
                  "price_per_extra_min", "price_per_sms", "speed_mbps", *CALL_PRICE_COLUMNS, "commitment_months",
                  "one_time_fee"]

DTYPES = {"ref_area": "string", "time_period": "Int64", "operator": "string", "market_share": "float64",
          "plan": "string", "plan_type": "string", "service": "string", "currency": "string",
          "monthly_fee": "float64", "validity_days": "Int64", "data_gb": "float64", "minutes": "float64",
          "sms": "float64", "price_per_extra_mb": "float64", "price_per_extra_min": "float64",
          "price_per_sms": "float64", "price_per_min_on_net": "float64", "price_per_min_off_net": "float64",
          "price_per_min_fixed": "float64", "speed_mbps": "float64", "technology": "string",
          "wifi_hotspot_only": "boolean", "commitment_months": "float64", "one_time_fee": "float64",
          "taxes_included": "boolean", "promotional": "boolean",
          "source": "string", "file": "string", "line": "Int64"}
COLUMNS = list(DTYPES)


def empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in DTYPES.items()})


def from_validated(df: pd.DataFrame, *, source: str, file_label: str) -> pd.DataFrame:
    """Typed plan rows from a raw frame that passed schemas.raw.tariff_plans.TariffPlanRaw and has `ref_area`."""
    out = pd.DataFrame(index=df.index)
    out["ref_area"] = df["ref_area"]
    out["time_period"] = year_values(df["year"])
    for column in ("operator", "plan"):
        out[column] = df[column].str.strip()
    out["plan_type"] = df["plan_type"].str.strip().str.lower()
    out["currency"] = df["currency"].str.strip().str.upper()
    for column in NUMBER_COLUMNS:
        out[column] = number_values(df[column])
    out["validity_days"] = number_values(df["validity_days"])
    given = df["service"].str.strip().str.lower()   # both adapters give the optional columns, "" when absent
    derived = out["speed_mbps"].notna().map({True: "fixed_broadband", False: "mobile"})
    out["service"] = given.mask(given == "", derived)
    technology = df["technology"].str.strip().str.upper()
    out["technology"] = technology.mask(technology == "")
    for column in ("taxes_included", "promotional", "wifi_hotspot_only"):
        out[column] = df[column].str.strip().str.lower().map(FLAGS)
    out["source"] = source
    out["file"] = file_label
    out["line"] = df["line"]
    return out[COLUMNS].astype(DTYPES).reset_index(drop=True)
