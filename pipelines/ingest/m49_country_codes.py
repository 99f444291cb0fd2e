"""ISO 3166 / UN M49 country-code list (github.com/datasets/country-codes, country-codes.csv).

It describes economies rather than measuring them, so it yields reference rows, no observations: per economy its
M49 number, M49 region / sub-region / intermediate region, LDC, LLDC and SIDS membership ('x' -> true, blank ->
false), ITU's own economy code and English official name. The economy is the ISO alpha-3 code.

Counting convention: a record is one non-empty attribute cell of an economy line (the three flags always give a
value); a problem that holds back a whole line (unknown economy, bad M49 number or flag, a repeated economy) is
one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import first_per_economy, first_row, raw_frame, read_table, reference_rows, resolve_areas
from schemas.raw.country_codes import FLAG, M49CountryCodesRaw
from schemas.validation import split_valid

FORMAT = "m49_country_codes"
DESCRIPTION = "ISO 3166 / UN M49 country codes with LDC/LLDC/SIDS flags and ITU codes (datasets/country-codes CSV)"
ORIGIN = "UN M49 and ISO 3166 (datasets/country-codes)"
CODE = "ISO3166-1-Alpha-3"
FLAGS = {"Least Developed Countries (LDC)": "ldc", "Land Locked Developing Countries (LLDC)": "lldc",
         "Small Island Developing States (SIDS)": "sids"}
ATTRIBUTES = {"M49": "m49", "Region Name": "m49_region", "Sub-region Name": "m49_subregion",
              "Intermediate Region Name": "m49_intermediate_region", **FLAGS, "ITU": "itu_code",
              "official_name_en": "name"}


def detect(path: Path, head: bytes) -> bool:
    return {CODE, "M49", *FLAGS} <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=[CODE, *ATTRIBUTES])
    valid, bad = split_valid(raw_frame(parsed, [CODE, *ATTRIBUTES]), M49CountryCodesRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, CODE, file_label)
    located, repeated = first_per_economy(located, CODE, file_label)
    located["M49"] = located["M49"].str.strip().str.lstrip("0")
    for flag in FLAGS:
        located[flag] = (located[flag].str.strip() == FLAG).map({True: "true", False: "false"})
    reference = reference_rows(located, ATTRIBUTES, source=ORIGIN, file_label=file_label)
    quarantine = concat_quarantine(parsed.problems, bad, unknown, repeated)
    return AdapterResult(observations_frame(), quarantine, rows_read=len(quarantine) + len(reference),
                         reference=reference)
