"""World Bank WDI bulk download, country metadata file ("Metadata_Country_API_..._DS2....csv").

It describes economies rather than measuring them, so it yields reference rows, no observations: per economy its
name (TableName), World Bank region, income group (the names "Low income"... become LIC/LMC/UMC/HIC; the vintage is
the download's, e.g. FY2022 for a 2021 file) and special notes. Lines for the World Bank's own aggregates (blank
region and income group) are excluded.

Counting convention: a record is one non-empty attribute cell of an economy line; a problem that holds back a whole
line (unknown economy, an aggregate, an unknown income-group name, a repeated economy) is one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import first_per_economy, first_row, raw_frame, read_table, reference_rows, resolve_areas
from schemas.raw.wdi import WdiCountryRaw, income_labels
from schemas.validation import split_valid

FORMAT = "wdi_country_metadata"
DESCRIPTION = "World Bank WDI country metadata CSV (Country Code, Region, IncomeGroup, SpecialNotes, TableName)"
ORIGIN = "World Bank WDI country metadata"
COLUMNS = ["Country Code", "Region", "IncomeGroup", "SpecialNotes", "TableName"]
ATTRIBUTES = {"TableName": "name", "Region": "wb_region", "IncomeGroup": "wb_income_group",
              "SpecialNotes": "wb_special_notes"}


def detect(path: Path, head: bytes) -> bool:
    return set(COLUMNS) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=COLUMNS)
    valid, bad = split_valid(raw_frame(parsed, COLUMNS), WdiCountryRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, "Country Code", file_label)
    located, repeated = first_per_economy(located, "Country Code", file_label)
    located["IncomeGroup"] = located["IncomeGroup"].str.strip().map(income_labels()).fillna("")
    reference = reference_rows(located, ATTRIBUTES, source=ORIGIN, file_label=file_label)
    quarantine = concat_quarantine(parsed.problems, bad, unknown, repeated)
    return AdapterResult(observations_frame(), quarantine, rows_read=len(quarantine) + len(reference),
                         reference=reference)
