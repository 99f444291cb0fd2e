"""World Bank WDI bulk download, indicator metadata file ("Metadata_Indicator_API_..._DS2....csv").

It defines the indicator (code, name, definition, source organisation), so it yields reference rows with ref_area
"_Z" (not an economy), no observations; they document what the wide data file of the same download measures.

Counting convention: a record is one non-empty attribute cell of a line; a line without an indicator code is one
record held back.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult
from pipelines.ingest._common import first_row, indicator_reference_file
from schemas.raw.wdi import WdiIndicatorRaw

FORMAT = "wdi_indicator_metadata"
DESCRIPTION = "World Bank WDI indicator metadata CSV (INDICATOR_CODE, INDICATOR_NAME, SOURCE_NOTE, SOURCE_ORGANIZATION)"
ORIGIN = "World Bank WDI indicator metadata"
COLUMNS = ["INDICATOR_CODE", "INDICATOR_NAME", "SOURCE_NOTE", "SOURCE_ORGANIZATION"]
ATTRIBUTES = {"INDICATOR_CODE": "indicator_code", "INDICATOR_NAME": "indicator_name",
              "SOURCE_NOTE": "indicator_definition", "SOURCE_ORGANIZATION": "indicator_source"}


def detect(path: Path, head: bytes) -> bool:
    return set(COLUMNS) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    return indicator_reference_file(path, file_label, model=WdiIndicatorRaw, attributes=ATTRIBUTES, source=ORIGIN)
