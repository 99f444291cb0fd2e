"""ITU legacy CSV by economy name (country, indicator, year, value): FTS/MTS per 100 and Internet users %, 2000-2015.

From a 2016 edition of the ITU World Telecommunication/ICT Indicators database. The file names economies in ITU
spelling without codes, so names are mapped to ISO3 by exact normalised match only (hand-checked ITU spellings are
in pipelines/reference/economy_names.csv); a name that does not map is quarantined as `unknown_economy`, never
guessed. Empty values are not observations: they are quarantined as `excluded` / `missing_value`, so every line
is accounted for. The format is that edition's, so its vintage is 2016 (VINTAGE): within the class of past and
redistributed ITU data, a later vintage of the same series wins (pipelines/reference/source_priority.csv).
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import (canonical_rows, exclude_missing, first_row, raw_frame, read_table, resolve_names,
                                      source_series)
from pipelines.ingest._long import LongFile
from schemas.raw.itu_legacy import ItuLegacyRaw
from schemas.validation import split_valid

FORMAT = "itu_legacy_names_csv"
DESCRIPTION = "ITU legacy CSV by economy name (country, indicator FTS/MTS/IU, year, value), 2000-2015"
ORIGIN = "ITU World Telecommunication/ICT Indicators database (2016 edition)"
COLUMNS = ["country", "indicator", "year", "value"]
SOURCE_SYSTEM = "itu_legacy"
VINTAGE = "2016"
NATURE = "C"
SHAPE = LongFile(COLUMNS, value="value", year="year", area=None, name="country", code="indicator",
                 system=SOURCE_SYSTEM, model=ItuLegacyRaw, nature=lambda columns: [NATURE] * len(columns["value"]))


def detect(path: Path, head: bytes) -> bool:
    return sorted(c.lower() for c in first_row(path, head)) == sorted(COLUMNS)


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=SHAPE.columns)
    raw = raw_frame(parsed, SHAPE.columns)
    present, missing = exclude_missing(raw, SHAPE.value, file_label)
    valid, bad = split_valid(present, SHAPE.model, file_label=file_label)
    located, unknown = resolve_names(valid, SHAPE.name, file_label)
    series, breakdown = source_series(located[SHAPE.code], SHAPE.system)
    obs = canonical_rows(located, series=series, breakdown=breakdown, value_column=SHAPE.value,
                         year_column=SHAPE.year, source=ORIGIN, nature=NATURE, source_code=located[SHAPE.code],
                         file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(parsed.problems, missing, bad, unknown),
                         rows_read=parsed.data_lines, vintage=VINTAGE)
