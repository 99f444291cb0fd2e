"""Report production from a published release (Parquet only): profile site, statistical tables, charts, revisions.

Everything here reads `warehouse/published/<release>/*.parquet`, never the DuckDB file, so reports can be rebuilt by
anyone holding the published release. A table the release lacks (IDI, SDG) shows as "no data", never an error.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

NO_DATA = "no data"
REGION_NAMES = {"ITU_AFR": "Africa", "ITU_AMS": "Americas", "ITU_ARB": "Arab States", "ITU_ASP": "Asia and the Pacific",
                "ITU_CIS": "CIS", "ITU_EUR": "Europe", "": "Other economies (in no ITU region)"}
INCOME_NAMES = {"LIC": "Low income", "LMC": "Lower-middle income", "UMC": "Upper-middle income", "HIC": "High income"}
ESTIMATED = ("E", "M")


@dataclass(frozen=True)
class PublishedRelease:
    """A published release folder and its tables."""
    path: Path
    name: str

    @classmethod
    def open(cls, published_root: Path, release: str) -> "PublishedRelease":
        path = Path(published_root) / release
        if not (path / "datapackage.json").is_file():
            raise FileNotFoundError(f"release {release!r} is not published under {published_root} "
                                    f"(run `isoc run --release {release}` first)")
        return cls(path, release)

    def has(self, table: str) -> bool:
        return (self.path / f"{table}.parquet").is_file()

    def table(self, table: str) -> pd.DataFrame | None:
        """The published table, or None when this release does not publish it."""
        return pd.read_parquet(self.path / f"{table}.parquet") if self.has(table) else None

    def required(self, table: str) -> pd.DataFrame:
        """A table every report needs: a clear error when the release does not publish it."""
        frame = self.table(table)
        if frame is None:
            raise FileNotFoundError(f"release {self.name!r} has no {table}.parquet; reports need it")
        return frame

    def profiles(self) -> pd.DataFrame:
        return self.required("country_profiles")

    def latest(self) -> pd.DataFrame:
        return self.required("country_profiles_latest")


def region_name(code: str) -> str:
    return REGION_NAMES.get(code, code)


def by_region(frame: pd.DataFrame):
    """(region name, its economies by name) for each ITU region in code order, then the economies in no ITU region
    (ITU's Other Economies): how every report lists economies."""
    regions = frame["itu_region"].fillna("")
    for code in sorted(set(regions), key=lambda c: (c == "", c)):
        yield region_name(code), frame[regions == code].sort_values("name")


def is_estimate(nature) -> bool:
    return isinstance(nature, str) and nature in ESTIMATED
