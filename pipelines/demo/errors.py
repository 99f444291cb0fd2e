"""The deliberate bad rows of the demo release, so that the quarantine has something to show.

Each error names its file, what is wrong, the rule that must catch it, the row it starts from (`match`) and the
fields it changes. Rows are picked where the demo always reports (high-income economies, complete files), so
every seed can place them. `add` errors insert a changed copy of the matched row right after it (the good row
stays, so the demo's clean data stay complete); `replace` errors change the matched row itself.
"""
from __future__ import annotations

from typing import NamedTuple


class DeliberateError(NamedTuple):
    """(file, what, rule, ...): a tuple, so error[2] is the expected rule."""

    file: str        # path inside the release folder
    what: str
    rule: str        # the quarantine rule expected to catch it
    match: dict      # column -> value of the one row it starts from
    change: dict     # column -> the bad value written
    mode: str = "add"                   # add | replace


DELIBERATE_ERRORS: tuple[DeliberateError, ...] = (
    DeliberateError("itu_datahub/individuals_using_the_internet.csv",
                    "a row for economy code XYZ, which is not in pipelines/reference/economies.csv", "unknown_economy",
                    {"entityIso": "KEN", "dataYear": "2020"},
                    {"entityID": "999", "entityIso": "XYZ", "entityName": "Xyzland (unknown)"}),
    DeliberateError("world_bank/population.csv", "a year written with a letter O: 2O19", "year_not_integer",
                    {"Country Code": "KEN", "Year": "2019"}, {"Year": "2O19"}),
    DeliberateError("world_bank/population.csv", "a population written with thousands separators: 1,234,567",
                    "thousands_separator", {"Country Code": "EST", "Year": "2010"}, {"Value": "1,234,567"}),
    DeliberateError("itu_datahub/households_with_internet_access_at_home.csv",
                    "140 % of households with Internet access (parses, fails the staged range check)",
                    "percent_out_of_range", {"entityIso": "FIN", "dataYear": "2010"}, {"dataValue": "140"},
                    mode="replace"),
    DeliberateError("itu_datahub/mobile_cellular_subscriptions.csv", "a negative mobile-cellular subscription count",
                    "negative_value", {"seriesCode": "i271", "entityIso": "PRT", "dataYear": "2005"},
                    {"dataValue": "-123456"}, mode="replace"),
    DeliberateError("itu_datahub/international_bandwidth_usage.csv",
                    "New Zealand 2015 bandwidth given twice with different values", "conflicting_duplicate",
                    {"entityIso": "NZL", "dataYear": "2015"}, {"dataValue": "99999"}),
    DeliberateError("itu/itu_fts_mts_iu_2000_2015_demo.csv", "an economy name that maps to no economy: Atlantis",
                    "unknown_economy", {"country": "Kenya", "indicator": "IU", "year": "2010"},
                    {"country": "Atlantis", "value": "42.00"}),
)


def inject(file: str, rows: list[dict]) -> list[dict]:
    """The rows of `file` with its deliberate errors applied; each error must match exactly one row."""
    out = list(rows)
    for error in (e for e in DELIBERATE_ERRORS if e.file == file):
        hits = [i for i, r in enumerate(out) if all(r.get(k) == v for k, v in error.match.items())]
        if len(hits) != 1:
            raise AssertionError(f"deliberate error {error.what!r} matches {len(hits)} rows of {file}, not one")
        bad = {**out[hits[0]], **error.change}
        if error.mode == "replace":
            out[hits[0]] = bad
        else:
            out.insert(hits[0] + 1, bad)
    return out
