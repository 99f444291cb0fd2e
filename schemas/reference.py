"""The project's own reference data: economies, groups, series catalogue, source-code map and codelists.

All of it lives as CSV in pipelines/reference/ (see its README for provenance and what is still to verify). The
look-ups sit here, in the bottom layer, because the contracts check codes against them (docs/architecture.md).
pandas is imported by the look-ups that return frames, not with the module: `economy_codes` reads the CSV itself, so
`isoc microdata estimate`, which never needs pandas, checks economy codes with the same reader.
"""
from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from schemas.yaml_files import read_yaml

if TYPE_CHECKING:
    import pandas as pd

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "pipelines" / "reference"


def _read(name: str) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    """A reference CSV as text rows, read without pandas (as `_read` reads it: every cell a string, none missing), for
    the look-ups a clean file's `isoc validate` makes."""
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@lru_cache(maxsize=None)
def economies() -> pd.DataFrame:
    df = _read("economies.csv")
    df["m49"] = df["m49"].astype(int)
    for flag in ("itu_world", "ldc", "lldc", "sids"):
        df[flag] = df[flag] == "True"
    return df


@lru_cache(maxsize=None)
def groups() -> pd.DataFrame:
    return _read("groups.csv")


@lru_cache(maxsize=None)
def series_catalogue() -> pd.DataFrame:
    df = _read("series.csv")
    import pandas as pd

    for col in ("min_value", "max_value", "warn_above"):
        df[col] = pd.to_numeric(df[col].replace("", None))
    df["unit_mult"] = df["unit_mult"].astype(int)
    return df.set_index("series", drop=False)


def source_code_map(system: str) -> dict[str, tuple[str, str]]:
    """{source code: (series, breakdown)} for one source system (e.g. 'itu_datahub')."""
    return {r["source_code"]: (r["series"], r["breakdown"]) for r in _rows("source_codes.csv") if r["system"] == system}


@lru_cache(maxsize=None)
def economy_currencies() -> pd.DataFrame:
    """iso3, currency, first_year, last_year (empty: open-ended): each economy's own currency."""
    import pandas as pd

    df = pd.read_csv(REFERENCE_DIR / "economy_currencies.csv", dtype={"iso3": str, "currency": str})
    return df.astype({"first_year": "Int64", "last_year": "Int64"})


def codelist_rows(codelist: str) -> list[dict[str, str]]:
    """The rows of one codelist in codelists.csv (code, label, legacy_code...), in file order."""
    return [r for r in _rows("codelists.csv") if r["codelist"] == codelist]


def codes(codelist: str) -> set[str]:
    return {r["code"] for r in codelist_rows(codelist)}


def code_for_label(codelist: str) -> dict[str, str]:
    """{label as sources write it (e.g. 'Low income', 'Asia & Pacific'): code} for one codelist."""
    return {r["label"]: r["code"] for r in codelist_rows(codelist)}


def legacy_code_map(codelist: str) -> dict[str, str]:
    """{legacy UN SDG API code (e.g. BOTHSEX, CMFL): SDMX code}."""
    return {r["legacy_code"]: r["code"] for r in codelist_rows(codelist) if r["legacy_code"] != ""}


@lru_cache(maxsize=None)
def sdmx_dataflows() -> dict[str, dict]:
    """The SDMX dataflows the SDMX-CSV adapter reads (sdmx_dataflows.yaml), by short name."""
    return read_yaml(REFERENCE_DIR / "sdmx_dataflows.yaml")


@lru_cache(maxsize=None)
def sdmx_code_map(dataflow: str) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """{column: {source code: [(canonical field, project code), ...]}} for one dataflow (sdmx_codes.csv).
    Field '-' accepts the code without setting anything."""
    df = _read("sdmx_codes.csv")
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for row in df[df["dataflow"] == dataflow].itertuples():
        out.setdefault(row.column, {}).setdefault(row.source_code, []).append((row.field, row.code))
    return out


def series_rows() -> tuple[dict[str, str], ...]:
    """The series catalogue (series.csv) as text rows, read without pandas."""
    return _rows("series.csv")


@lru_cache(maxsize=None)
def series_units() -> dict[str, tuple[str, int]]:
    """{series: (unit_measure, unit_mult)} of the catalogue, read without pandas."""
    return {r["series"]: (r["unit_measure"], int(r["unit_mult"])) for r in series_rows()}


def unit_of(series: str) -> tuple[str, int]:
    return series_units()[series]


def normalise_name(name: str) -> str:
    """Lower-case ASCII words: 'Côte d'Ivoire' -> 'cote d ivoire'. Used for every name-to-ISO3 look-up."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


@lru_cache(maxsize=None)
def economy_name_map() -> dict[str, str]:
    """{normalised name: ISO3}, from economy_names.csv (M49/ISO names plus hand-checked ITU spellings)."""
    mapping = {r["name_key"]: r["iso3"] for r in _rows("economy_names.csv")}
    for row in _rows("economies.csv"):
        mapping.setdefault(normalise_name(row["name"]), row["iso3"])
    return mapping


def iso3_for_name(name: str) -> str | None:
    """Map an economy name to ISO3, or None. Never guesses: only exact matches of the normalised name."""
    return economy_name_map().get(normalise_name(name))


@lru_cache(maxsize=None)
def economy_codes() -> frozenset[str]:
    return frozenset(row["iso3"] for row in _rows("economies.csv"))


@lru_cache(maxsize=None)
def m49_to_iso3() -> dict[int, str]:
    return dict(zip(economies()["m49"], economies()["iso3"]))


@lru_cache(maxsize=None)
def known_aggregate_codes() -> frozenset[str]:
    """Codes sources use for their own aggregates (World Bank, OWID). Rows for them are excluded, not staged:
    the project computes its own aggregates over its own group definitions."""
    return frozenset(r["code"] for r in _rows("source_aggregates.csv"))


@lru_cache(maxsize=None)
def area_aliases() -> dict[str, str]:
    """Non-ISO codes some sources use for an economy (OWID_KOS, KSV -> XKX)."""
    return {r["code"]: r["iso3"] for r in _rows("area_aliases.csv")}


def classify_area(code: str) -> tuple[str | None, str]:
    """('ISO3', 'economy') | (None, 'source_aggregate') | (None, 'unknown') for a code found in a source file."""
    code = str(code).strip().upper()
    code = area_aliases().get(code, code)
    if code in economy_codes():
        return code, "economy"
    if code in known_aggregate_codes():
        return None, "source_aggregate"
    return None, "unknown"
