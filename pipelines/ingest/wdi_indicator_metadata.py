"""World Bank WDI bulk download, indicator metadata file ("Metadata_Indicator_API_..._DS2....csv").

It defines the indicator (code, name, definition, source organisation), so it yields reference rows with ref_area
"_Z" (not an economy), no observations; they document what the wide data file of the same download measures.

Counting convention: a record is one non-empty attribute cell of a line; a line without an indicator code is one
record held back.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.core.parsing import read_delimited
from pipelines.ingest._common import first_row, raw_frame, reference_rows
from schemas.raw.wdi import WdiIndicatorRaw
from schemas.validation import split_valid

FORMAT = "wdi_indicator_metadata"
DESCRIPTION = "World Bank WDI indicator metadata CSV (INDICATOR_CODE, INDICATOR_NAME, SOURCE_NOTE, SOURCE_ORGANIZATION)"
ORIGIN = "World Bank WDI indicator metadata"
COLUMNS = ["INDICATOR_CODE", "INDICATOR_NAME", "SOURCE_NOTE", "SOURCE_ORGANIZATION"]
ATTRIBUTES = {"INDICATOR_CODE": "indicator_code", "INDICATOR_NAME": "indicator_name",
              "SOURCE_NOTE": "indicator_definition", "SOURCE_ORGANIZATION": "indicator_source"}
NOT_AN_ECONOMY = "_Z"


def detect(path: Path, head: bytes) -> bool:
    return first_row(path, head)[:len(COLUMNS)] == COLUMNS


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_delimited(path, file_label, required=COLUMNS)
    valid, bad = split_valid(raw_frame(parsed, COLUMNS), WdiIndicatorRaw, file_label=file_label)
    reference = reference_rows(valid.assign(ref_area=NOT_AN_ECONOMY), ATTRIBUTES, source=ORIGIN, file_label=file_label)
    quarantine = concat_quarantine(parsed.problems, bad)
    return AdapterResult(observations_frame(), quarantine, rows_read=len(quarantine) + len(reference),
                         reference=reference)
