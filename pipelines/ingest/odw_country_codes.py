"""Open Data Watch 2021 country and region codes ("2021 ODW Country and Region Codes.csv", UTF-8 with BOM).

It describes economies, so it yields reference rows, no observations: per economy its name, UN M49 number, ODW
region, OECD membership, and the World Bank income group, lending category and region of July 2020 (the FY2021
classification; that vintage is in `source`). ODW's codes KSV (Kosovo) and ZAR/ROM are aliases; CHI (Channel
Islands) is a World Bank grouping and excluded; Sark (GGS) and former Yugoslavia (YUG) are not economies of the
project. ".." means no code. Below the table the file has a heading, income-group counts, a legend and five
footnotes ("1/ World Bank country code for ..."): they are excluded as `footnote`, never dropped silently.

Counting convention: a record is one non-empty attribute cell of an economy line; a problem that holds back a whole
line (unknown economy, an aggregate, a repeated economy, a footnote) is one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import (first_per_economy, first_row, raw_frame, read_table, reference_rows,
                                      resolve_areas, split_trailer)
from schemas.raw.country_codes import OdwCountryCodesRaw
from schemas.validation import split_valid

FORMAT = "odw_country_codes"
DESCRIPTION = "Open Data Watch 2021 country and region codes with World Bank income groups (July 2020), CSV"
ORIGIN = "Open Data Watch country and region codes 2021 (World Bank classification of July 2020, FY2021)"
CODE = "ISO-3 Code"
ATTRIBUTES = {"Country name": "name", "UN M49 Code": "m49", "ODW Region Code": "odw_region",
              "OECD Member": "oecd_member", "World Bank Income Group Code (July 2020)": "wb_income_group",
              "World Bank  Lending Code (July 2020)": "wb_lending_category",
              "World Bank (All income) region code": "wb_region"}


def detect(path: Path, head: bytes) -> bool:
    return {CODE, "Country name", "ODW Region Code"} <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=[CODE, *ATTRIBUTES])
    data, footnotes = split_trailer(raw_frame(parsed, [h for h in parsed.header if h]), CODE, file_label)
    valid, bad = split_valid(data, OdwCountryCodesRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, CODE, file_label)
    located, repeated = first_per_economy(located, CODE, file_label)
    m49 = located["UN M49 Code"].str.strip()
    located["UN M49 Code"] = m49.where(~m49.str.isdigit(), m49.str.lstrip("0"))
    located["OECD Member"] = (located["OECD Member"].str.strip() == "OECD").map({True: "true", False: "false"})
    reference = reference_rows(located, ATTRIBUTES, source=ORIGIN, file_label=file_label)
    quarantine = concat_quarantine(parsed.problems, footnotes, bad, unknown, repeated)
    return AdapterResult(observations_frame(), quarantine, rows_read=len(quarantine) + len(reference),
                         reference=reference)
