"""Published contracts of the country profiles: `country_profiles` (economy x year) and `country_profiles_latest`.

The value columns are generated from the profile items (indicators/profiles/profile_items.csv plus the derived
items in indicators/profiles/build.py), so the list of indicators lives in one place. The contract is pinned by
tests/reports/expected_country_profiles_schema.json: renaming or retyping a column fails a test.
"""
from pathlib import Path

import pandas as pd

from schemas.fields import ECONOMY, ECONOMY_M49, FIELDS, Column
from schemas.models import model
from schemas.profile_items import ITEMS_CSV, Item, value_columns
from schemas.published.core import meta

SQL_ROOT = str(Path(__file__).resolve().parents[2] / "indicators" / "profiles")

_IDENTITY = [ECONOMY, ECONOMY_M49, "name", FIELDS["itu_region"].but(remark="the comparator region"), "m49_region",
             "wb_income_group", "ldc", "lldc", "sids"]
_VALUE_TYPES = {"number": float, "flag": pd.BooleanDtype, "rank": pd.Int64Dtype}


def _column(name: str, item: Item, role: str) -> Column:
    label = f"{item.title} ({item.unit})"
    if role == "value":
        return Column(name, _VALUE_TYPES[item.kind], f"{label}; null when the economy has no value", nullable=True)
    if role == "nature":
        return FIELDS["nature"].but(name=name, codelist=None, nullable=True,
                                    description=f"Nature of {item.item} ({FIELDS['nature'].description})")
    if role == "year":
        return Column(name, pd.Int64Dtype, f"Reference year of {item.item} (its latest year with a value)",
                      nullable=True)
    group = "the economy's ITU region" if role == "region" else "the world"
    return Column(name, float, f"{label} for {group}, same year, as published in `aggregates` (population-weighted "
                               "after filling every member; sum for population) or `price_basket_medians` (median "
                               "for prices)", nullable=True)


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
    columns = [*_IDENTITY, *([] if latest else ["time_period"]),
               *[_column(name, item, role) for name, item, role in value_columns(latest)]]
    metadata = {**meta(table, title, description, key, sql=f"published_{table}.sql"), "sql_root": SQL_ROOT,
                "requires": [table], "figures": _figures(latest)}
    return model(class_name, columns, metadata, module=__name__)


CountryProfilesPublished = _model(
    "CountryProfilesPublished", "country_profiles", "Country profiles",
    "One row per economy and year: identity and groups, population, GNI per capita, access, coverage, use by sex "
    "with the gender parity score, price baskets with the 2% target, IDI, each with its nature and the ITU region "
    "and world values of the same year.", ["ref_area", "time_period"], latest=False)

CountryProfilesLatestPublished = _model(
    "CountryProfilesLatestPublished", "country_profiles_latest", "Country profiles, latest values",
    "One row per economy: each indicator at its latest year with a value, the year beside it, and the region "
    "and world values of that year.", ["ref_area"], latest=True)
