"""UN E-Government Survey, Data Center CSV ("EGOV_DATA_<year>.csv"): one line per UN Member State and edition.

Header `Survey Year, Country Name, E-Government Rank, E-Government Index, E-Participation Index, Online Service
Index, Human Capital Index, Telecommunication Infrastructure Index`. Economies are named, never coded, most names
with a trailing space and Georgia as "Georgia (Country)": names are mapped to ISO3 through the project's economy-name
aliases (pipelines/reference/economy_names.csv) by exact normalised match; an unmatched name is quarantined as
`unknown_economy` with the name, never guessed. Each value column maps to a series (source_codes.csv, system
un_egov). The indices are UN DESA's composites, relative within each edition, not country data: nature "G" (produced
by the custodian for global monitoring).

Counting convention (wide line): a record is one non-empty value cell; an empty cell (the rank of a state the
2003-2010 editions did not rank) is not a record. A problem with the line itself (unmatched name, bad survey year)
holds the line back as one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import canonical_rows, first_row, raw_frame, read_table, resolve_names, value_cells
from pipelines.ingest._wide import wide_records
from schemas import reference as ref
from schemas.raw.un_egov import UnEgovLineRaw

FORMAT = "un_egov_survey_csv"
DESCRIPTION = "UN E-Government Survey Data Center CSV (Survey Year, Country Name, rank and five indices)"
ORIGIN = "UN DESA E-Government Survey"
SYSTEM = "un_egov"
ID_COLUMNS = ["Survey Year", "Country Name"]
VALUE_COLUMNS = ["E-Government Rank", "E-Government Index", "E-Participation Index", "Online Service Index",
                 "Human Capital Index", "Telecommunication Infrastructure Index"]
NATURE = "G"


def detect(path: Path, head: bytes) -> bool:
    return set(ID_COLUMNS + VALUE_COLUMNS) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=ID_COLUMNS + VALUE_COLUMNS)
    raw = raw_frame(parsed, ID_COLUMNS + VALUE_COLUMNS)
    raw["Country Name"] = raw["Country Name"].str.strip()
    records, quarantine, records_read = wide_records(
        raw[[*ID_COLUMNS, "line"]], value_cells(raw[["line", *VALUE_COLUMNS]], VALUE_COLUMNS), UnEgovLineRaw,
        file_label, lambda df: resolve_names(df, "Country Name", file_label))
    codes = ref.source_code_map(SYSTEM)
    obs = canonical_rows(records, series=records["header"].map(lambda h: codes[h][0]), value_column="value",
                         year_column="Survey Year", source=ORIGIN + " " + records["Survey Year"].str.strip(),
                         nature=NATURE, source_code=records["header"],
                         file_label=file_label)
    unranked = int((raw["E-Government Rank"].fillna("").str.strip() == "").sum())
    notes = [f"{unranked} economies without an E-Government rank (not ranked in this edition)"] if unranked else []
    return AdapterResult(observations_frame(obs), concat_quarantine(parsed.problems, quarantine),
                         rows_read=len(parsed.problems) + records_read, notes=notes)
