"""ITU DataHub bulk CSV (datahub.itu.int download): one observation per line, UTF-8 with BOM.

Why the care: the file's seriesUnits column is wrong in real downloads (a basket file labels its USD series
"% GNI per capita"), so the series and unit come from seriesCode only (source_codes.csv, system itu_datahub); an
unmapped code is quarantined as `unknown_source_code`. Values may use exponent notation (3.51914e+007). ITU's own
economy codes for Kosovo, Jersey and Guernsey (KSO, GBJ, AAA) are aliases in area_aliases.csv; Ascension and the
Netherlands Antilles have no economy of their own and are quarantined as `unknown_economy`.

Nature: "C" (country data), except "E" where dataSource or dataNote says the value is an ITU estimate. The
household-Internet IDI series mixes both without saying which, so it stays "C" with a note. An empty value is
quarantined as excluded / `missing_value`; every line is one record.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import (canonical_rows, exclude_missing, first_row, raw_frame, read_table,
                                      resolve_areas, source_series)
from pipelines.ingest._long import LongFile
from schemas.raw.itu_datahub import ItuDatahubRaw
from schemas.validation import split_valid

FORMAT = "itu_datahub_csv"
DESCRIPTION = "ITU DataHub bulk CSV (seriesCode, entityIso, dataValue, dataYear...; unit from seriesCode)"
ORIGIN = "ITU DataHub"
COLUMNS = ["seriesID", "seriesCode", "seriesName", "seriesParent", "seriesUnits", "entityID", "entityIso",
           "entityName", "dataValue", "dataYear", "dataNote", "dataSource", "seriesDescription"]
READ = ["seriesCode", "entityIso", "entityName", "dataValue", "dataYear", "dataNote", "dataSource"]
SYSTEM = "itu_datahub"
SERIES_NOTES = {"xHH6_IDI": "IDI series; may include ITU estimates"}


def _nature(columns: Mapping[str, Sequence[str]]) -> list[str]:
    """"E" where dataSource or dataNote says the value is an ITU estimate, else "C" (a frame's or text columns)."""
    return ["E" if source.strip().lower().startswith("itu estimate") or note.strip().lower().startswith("itu estimate")
            else "C" for source, note in zip(_texts(columns["dataSource"]), _texts(columns["dataNote"]))]


def _texts(column: Sequence[str]) -> list[str]:
    """A column as a list: a frame's column converted at once (iterating Arrow-backed text goes value by value);
    duck-typed, as `isoc validate` of a clean file passes lists and never loads pandas."""
    return column.tolist() if hasattr(column, "tolist") else list(column)


SHAPE = LongFile(READ, value="dataValue", year="dataYear", area="entityIso", code="seriesCode", system=SYSTEM,
                 model=ItuDatahubRaw, nature=_nature)


def detect(path: Path, head: bytes) -> bool:
    return set(READ) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=SHAPE.columns)
    present, missing = exclude_missing(raw_frame(parsed, SHAPE.columns), SHAPE.value, file_label)
    valid, bad = split_valid(present, SHAPE.model, file_label=file_label)
    located, unknown = resolve_areas(valid, SHAPE.area, file_label)
    series, breakdown = source_series(located[SHAPE.code], SHAPE.system)
    obs = canonical_rows(located, series=series, breakdown=breakdown,
                         value_column=SHAPE.value, year_column=SHAPE.year, source_code=located[SHAPE.code],
                         source=located["dataSource"].str.strip().replace("", ORIGIN),
                         nature=pd.Series(SHAPE.nature(located), index=located.index, dtype=object),
                         note=_note(located), file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(parsed.problems, missing, bad, unknown),
                         rows_read=parsed.data_lines)


def _note(df: pd.DataFrame) -> pd.Series:
    own, series = df["dataNote"].str.strip(), df["seriesCode"].map(SERIES_NOTES).fillna("")
    notes = ["; ".join(p for p in pair if isinstance(p, str) and p) or None
             for pair in zip(own.tolist(), series.tolist())]
    return pd.Series(notes, index=df.index, dtype="string")   # per row: apply(axis=1) on no rows gives a frame
