"""Published contracts of the country profiles: `country_profiles` (economy x year) and `country_profiles_latest`.

The value columns are generated from the profile items (indicators/profiles/profile_items.csv plus the derived
items in indicators/profiles/build.py), so the list of indicators lives in one place. The contract is pinned by
tests/reports/expected_country_profiles_schema.json: renaming or retyping a column fails a test.
"""
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.profile_items import IDENTITY, ITEMS_CSV, Item, value_columns
from schemas.published.core import meta

SQL_ROOT = str(Path(__file__).resolve().parents[2] / "indicators" / "profiles")

_IDENTITY_FIELDS = {
    "ref_area": (str, "Economy, ISO 3166-1 alpha-3"),
    "ref_area_m49": (int, "Economy, UN M49 numeric code"),
    "name": (str, "Economy short name"),
    "itu_region": (str, "ITU region code (ITU_AFR ...), the comparator region (ITU 2025 membership; empty for "
                        "economies in no ITU region)"),
    "m49_region": (str, "UN M49 region"),
    "wb_income_group": (str, "World Bank income group (LIC, LMC, UMC, HIC; vintage in economies)"),
    "ldc": (bool, "Least Developed Country"),
    "lldc": (bool, "Land Locked Developing Country"),
    "sids": (bool, "Small Island Developing State"),
}
_VALUE_TYPES = {"number": float, "flag": pd.BooleanDtype, "rank": pd.Int64Dtype}


def _describe(item: Item, role: str) -> tuple[type, str]:
    label = f"{item.title} ({item.unit})"
    if role == "value":
        return _VALUE_TYPES[item.kind], f"{label}; null when the economy has no value"
    if role == "nature":
        return str, f"Nature of {item.item}: C country data, CA country adjusted, E estimated, M modelled"
    if role == "year":
        return pd.Int64Dtype, f"Reference year of {item.item} (its latest year with a value)"
    group = "the economy's ITU region" if role == "region" else "the world"
    return float, (f"{label} for {group}, same year, as published in `aggregates` (population-weighted after "
                   "filling every member; sum for population) or `price_basket_medians` (median for prices)")


def _figures(latest: bool) -> list[dict]:
    """Where each profile value, region and world column sits on the one-value key (pipelines.core.agreement)."""
    out = []
    year = "{}_year" if latest else "time_period"
    for row in pd.read_csv(ITEMS_CSV, dtype=str, keep_default_na=False).itertuples():
        on_key = {"series": f"={row.series}", "sex": f"={row.sex}", "age": f"={row.age}",
                  "breakdown": f"={row.breakdown}", "time_period": year.format(row.item)}
        out.append({**on_key, "value": row.item})
        if row.aggregate != "none":   # prices: the medians of price_basket_medians, keyed by ITU's basket code
            group_key = {**on_key, "breakdown": f"={row.basket}"} if row.basket else on_key
            out += [{**group_key, "value": f"{row.item}_region", "ref_area": "itu_region"},
                    {**group_key, "value": f"{row.item}_world", "ref_area": "=WLD"}]
    return out


def _model(class_name: str, table: str, title: str, description: str, key: list[str], latest: bool) -> type:
    fields = dict(_IDENTITY_FIELDS)
    if not latest:
        fields["time_period"] = (int, "Reference year")
    for column, item, role in value_columns(latest):
        fields[column] = _describe(item, role)
    annotations = {name: Series[dtype] for name, (dtype, _) in fields.items()}
    attrs = {name: pa.Field(nullable=name not in IDENTITY and name != "time_period", description=text)
             for name, (_, text) in fields.items()}
    config = type("Config", (), {"strict": True, "coerce": True, "metadata": {
        **meta(table, title, description, key, sql=f"published_{table}.sql"), "sql_root": SQL_ROOT,
        "requires": [table], "figures": _figures(latest)}})
    return type(class_name, (pa.DataFrameModel,), {"__annotations__": annotations, "__module__": __name__,
                                                   "Config": config, **attrs})


CountryProfilesPublished = _model(
    "CountryProfilesPublished", "country_profiles", "Country profiles",
    "One row per economy and year: identity and groups, population, GNI per capita, access, coverage, use by sex "
    "with the gender parity score, price baskets with the 2% target, IDI, each with its nature and the ITU region "
    "and world values of the same year.", ["ref_area", "time_period"], latest=False)

CountryProfilesLatestPublished = _model(
    "CountryProfilesLatestPublished", "country_profiles_latest", "Country profiles, latest values",
    "One row per economy: each indicator at its latest year with a value, the year beside it, and the region "
    "and world values of that year.", ["ref_area"], latest=True)
