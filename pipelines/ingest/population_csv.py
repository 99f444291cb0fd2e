"""Long population CSV: Country Name, Country Code, Year, Value (World Bank SP.POP.TOTL via datasets/population)."""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import canonical_rows, first_row, raw_frame, read_table, resolve_areas
from schemas.raw.population import PopulationRaw
from schemas.validation import split_valid

FORMAT = "population_long_csv"
DESCRIPTION = "Total population, long CSV (Country Name, Country Code, Year, Value)"
ORIGIN = "World Bank WDI SP.POP.TOTL"
COLUMNS = ["Country Name", "Country Code", "Year", "Value"]


def detect(path: Path, head: bytes) -> bool:
    return sorted(first_row(path, head)) == sorted(COLUMNS)


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=COLUMNS)
    raw = raw_frame(parsed, COLUMNS)
    valid, bad = split_valid(raw, PopulationRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, "Country Code", file_label)
    obs = canonical_rows(located, series="POP_TOTAL", value_column="Value", year_column="Year",
                         source="World Bank WDI (SP.POP.TOTL)", source_code="SP.POP.TOTL", file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(parsed.problems, bad, unknown),
                         rows_read=parsed.data_lines)
