"""ITU's economies list (iso3, economy, itu_region, wb_income_2025, LDC, LLDC, SIDS), as ITU's ICT Price Baskets
workbook (December 2025, sheet economies_2008-2025) gives it: ITU's own region membership.

It describes economies, so it yields reference rows, no observations: per economy `itu_region` (ITU's label mapped
to the project's code through codelist ITU_REGION: ITU_AFR, ITU_AMS, ITU_ARB, ITU_ASP, ITU_CIS, ITU_EUR, and
ITU_OTHER for "Other Economies", territories that belong to no ITU region), `wb_income_group` (LIC, LMC, UMC, HIC;
blank for a few territories: no record), and `ldc`, `lldc`, `sids` ('1' -> true, '0' -> false). The vintage (2025)
is in `source`. An economy code the project does not know is quarantined (`unknown_economy`), and so is a region
label outside ITU_REGION (`unknown_region`), naming file, line and value.

Counting convention: a record is one non-empty attribute cell of an economy line; a problem that holds back a whole
line (unknown economy or region, a flag other than 0/1, a repeated economy) is one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import first_per_economy, first_row, raw_frame, read_table, reference_rows, resolve_areas
from schemas import reference as ref
from schemas.raw.itu_regions import ItuRegionsRaw
from schemas.validation import split_valid

FORMAT = "itu_regions_csv"
DESCRIPTION = "ITU economies list with ITU region, World Bank income group and LDC/LLDC/SIDS flags (price baskets)"
ORIGIN = "ITU ICT Price Baskets 2008-2025 workbook, economies sheet (December 2025: ITU regions and income groups 2025)"
VINTAGE = "2025-12"
CODE = "iso3"
ATTRIBUTES = {"itu_region": "itu_region", "wb_income_2025": "wb_income_group", "LDC": "ldc", "LLDC": "lldc",
              "SIDS": "sids"}
FLAG_VALUES = {"1": "true", "0": "false"}


def detect(path: Path, head: bytes) -> bool:
    return {CODE, "economy", "itu_region"} <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=[CODE, *ATTRIBUTES])
    valid, bad = split_valid(raw_frame(parsed, [CODE, "economy", *ATTRIBUTES]), ItuRegionsRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, CODE, file_label)
    located, repeated = first_per_economy(located, CODE, file_label)
    located["itu_region"] = located["itu_region"].str.strip().map(ref.code_for_label("ITU_REGION"))
    income = located["wb_income_2025"].str.strip()
    located["wb_income_2025"] = income.map(ref.code_for_label("WB_INCOME")).fillna(income)   # blank stays blank
    for flag in ("LDC", "LLDC", "SIDS"):
        located[flag] = located[flag].str.strip().map(FLAG_VALUES)
    reference = reference_rows(located, ATTRIBUTES, source=ORIGIN, file_label=file_label)
    quarantine = concat_quarantine(parsed.problems, bad, unknown, repeated)
    return AdapterResult(observations_frame(), quarantine, rows_read=len(quarantine) + len(reference),
                         reference=reference, vintage=VINTAGE)
