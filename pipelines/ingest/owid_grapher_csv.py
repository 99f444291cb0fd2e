"""Our World in Data grapher CSV (ourworldindata.org/grapher/<slug>.csv): Entity, Code, Year, <value column>.

The value column's name says what is measured and maps to a series (source_codes.csv, system owid); an unmapped
name makes the file unreadable (FileError `unknown_source_code`). The values are ITU data passed on by the World
Bank (WDI) and then by OWID, so source says so and nature is "C", except OWID's own number of Internet users,
which OWID estimates from World Bank and UN data: nature "E", with that note. Rows without a Code are OWID's
regions and income groups, and OWID_WRL is the world: both are excluded (the project computes aggregates itself).
Economies are placed by Code (ISO3, or an OWID_ alias in area_aliases.csv), never by Entity. An empty value is
excluded / `missing_value`; every line is one record. A download of a chart that colours economies by another
column (e.g. "World regions according to OWID") has it beside the value: exactly one column must be a mapped
indicator, and the others are named in a note as not read.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core.canonical import AdapterResult, FileError, concat_quarantine, observations_frame, quarantine_row
from pipelines.ingest._common import canonical_rows, exclude_missing, first_row, raw_frame, read_table, resolve_areas
from pipelines.ingest._excel import validate_cells
from schemas import reference as ref
from schemas.raw.owid import OwidRaw

FORMAT = "owid_grapher_csv"
DESCRIPTION = "Our World in Data grapher CSV (Entity, Code, Year, one value column named after the indicator)"
ORIGIN = "ITU via World Bank WDI via Our World in Data"
COLUMNS = ["Entity", "Code", "Year"]
SYSTEM = "owid"
OWID_ESTIMATES = {"INET_USERS": "OWID estimate based on World Bank and UN data"}   # series: note


def detect(path: Path, head: bytes) -> bool:
    row = first_row(path, head)
    return len(row) >= 4 and set(COLUMNS) <= set(row)


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=COLUMNS)
    header, others = _value_column(parsed.header, file_label)
    raw = raw_frame(parsed, COLUMNS + [header]).rename(columns={header: "value"}).assign(header=header)
    present, missing = exclude_missing(raw, "value", file_label, label_column="header")
    economies, regions = _split_regions(present, file_label)
    valid, bad = validate_cells(economies, OwidRaw, file_label)
    located, unknown = resolve_areas(valid, "Code", file_label)
    series = ref.source_code_map(SYSTEM)[header][0]
    obs = canonical_rows(located, series=series, value_column="value", year_column="Year", source=ORIGIN,
                         nature="E" if series in OWID_ESTIMATES else "C", note=OWID_ESTIMATES.get(series),
                         source_code=header, file_label=file_label)
    return AdapterResult(observations_frame(obs),
                         concat_quarantine(parsed.problems, missing, regions, bad, unknown),
                         rows_read=parsed.data_lines,
                         notes=[f"columns not read: {', '.join(others)}"] if others else [])


def _value_column(header: list[str], file_label: str) -> tuple[str, list[str]]:
    """(the one column holding a mapped indicator, the other columns beside Entity, Code and Year)."""
    values = [h for h in header if h not in COLUMNS and h]
    mapped = [h for h in values if h in ref.source_code_map(SYSTEM)]
    if len(mapped) != 1:
        raise FileError("unknown_source_code", f"{file_label}: value column {', '.join(map(repr, values))} is not "
                        f"in pipelines/reference/source_codes.csv (system {SYSTEM}), or more than one is: a file "
                        "must hold one indicator.", column=",".join(values), line=1)
    return mapped[0], [h for h in values if h != mapped[0]]


def _split_regions(df: pd.DataFrame, file_label: str) -> tuple[pd.DataFrame, list[dict]]:
    """Rows without a Code are excluded, naming the Entity: OWID leaves its own regions and groups without one, and
    an economy is placed by its Code only, never by the Entity name (copies rename entities, e.g. "Faeroe Islands"
    without a code in the 2024 Internet-use file)."""
    blank = df["Code"].fillna("").str.strip() == ""
    return df[~blank], [quarantine_row(file_label, int(r.line), "Code", "not_an_economy", r.Entity,
                                       f"{file_label} line {r.line}: {r.Entity!r} has no code: Our World in Data "
                                       "leaves its regions and groups without one, and rows are placed by Code only "
                                       "(never by the Entity name), so it is not staged; the project computes "
                                       "aggregates itself.", severity="excluded") for r in df[blank].itertuples()]
