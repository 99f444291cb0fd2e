"""The country-profile items (indicators/profiles/profile_items.csv, plus the DERIVED items that
indicators/profiles/build.py computes): the published profile contracts take their columns from them, the profile
builder its values and the reports their titles and units, so they are read here, below all three."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ITEMS_CSV = Path(__file__).resolve().parents[1] / "indicators" / "profiles" / "profile_items.csv"
AGGREGATABLE = ("sum", "weighted", "median")
IDENTITY = ["ref_area", "ref_area_m49", "name", "itu_region", "m49_region", "wb_income_group", "ldc", "lldc", "sids"]


@dataclass(frozen=True)
class Item:
    item: str
    title: str
    unit: str
    comparators: bool      # region and world columns
    kind: str = "number"   # number | flag | rank


@lru_cache(maxsize=1)
def _csv_items() -> tuple[Item, ...]:
    """Read once per process: the reports look items up for every economy page and table cell."""
    with open(ITEMS_CSV, encoding="utf-8", newline="") as fh:
        return tuple(Item(r["item"], r["title"], r["unit"], r["aggregate"] in AGGREGATABLE) for r in csv.DictReader(fh))


DERIVED = [
    Item("internet_gender_parity", "Gender parity score for Internet use (female rate / male rate)", "ratio", True),
    Item("fbb_meets_2pct", "Fixed-broadband basket costs less than 2% of monthly GNI per capita", "flag", False,
         "flag"),
    Item("mbb_meets_2pct", "Mobile-broadband basket costs less than 2% of monthly GNI per capita", "flag", False,
         "flag"),
    Item("idi", "ICT Development Index value", "index 0-10", False),
    Item("idi_rank", "ICT Development Index rank", "rank", False, "rank"),
]


def items() -> list[Item]:
    return [*_csv_items(), *DERIVED]


def item(name: str) -> Item:
    """The profile item called `name` (the reports format each value by its item)."""
    return next(it for it in items() if it.item == name)


def value_columns(latest: bool) -> list[tuple[str, Item, str]]:
    """(column, item, role) in contract order; role is value, nature, year, region or world."""
    roles = ["value", "year", "nature"] if latest else ["value", "nature"]
    out = []
    for it in items():
        for role in roles + (["region", "world"] if it.comparators else []):
            out.append((it.item if role == "value" else f"{it.item}_{role}", it, role))
    return out
