"""UNSD gender data portal extracts (github.com/UNStats/gender_data_portal): SDG database values by sex for the UN
Minimum Set of Gender Indicators I.17 (Internet use), I.18 (mobile ownership) and II.10 (ICT skills).

The series files are tab-separated although named .csv, so the delimiter is taken from the header line, and the
portal's `_source.xlsx` workbooks (same columns, one sheet) are read with the same raw model. The economy is ISO3
when given, else the UN M49 number of REF_AREA. INDICATOR_LABEL maps to a series (source_codes.csv, system
sdg_gender); ICT_SKILL's legacy codes map to SKILL_ICT* codes; AGE is kept as its SDMX code (blank = all ages) and
'_X' (age not specified, in I.17) is quarantined as `unknown_age` because no staged age code says "unspecified".
Nature is the file's NATURE column. An empty OBS_VALUE is excluded / `missing_value`; every line is one record.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest._common import (canonical_rows, exclude_missing, first_row, raw_frame, read_table, resolve_areas,
                                      resolve_m49)
from schemas import reference as ref
from schemas.raw._columns import sdmx_age
from schemas.raw.un_gender_portal import RULE_COLUMNS, SYSTEM, UnGenderPortalRaw
from schemas.validation import split_valid

FORMAT = "un_gender_portal_tsv"
DESCRIPTION = "UNSD gender data portal extract, tab-separated or .xlsx (INDICATOR_LABEL, REF_AREA, ISO3, OBS_VALUE...)"
ORIGIN = "UN SDG Global Database via the UNSD gender data portal"
REQUIRED = ["INDICATOR_LABEL", "REF_AREA", "ISO3", "TIME_PERIOD", "SEX", "OBS_VALUE", "UNIT_MEASURE", "NATURE"]
OPTIONAL = ["AGE", "ICT_SKILL", "SOURCE_DETAIL", "COMMENT_OBS"]


def detect(path: Path, head: bytes) -> bool:
    return set(REQUIRED) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=REQUIRED, delimiter="\t")
    present, missing = exclude_missing(raw_frame(parsed, REQUIRED + OPTIONAL), "OBS_VALUE", file_label)
    valid, bad = split_valid(present, UnGenderPortalRaw, file_label=file_label, rule_columns=RULE_COLUMNS)
    has_iso3 = valid["ISO3"].str.strip() != ""
    by_iso3, unknown_iso3 = resolve_areas(valid[has_iso3], "ISO3", file_label)
    by_m49, unknown_m49 = resolve_m49(valid[~has_iso3], "REF_AREA", file_label)
    located = pd.concat([by_iso3, by_m49]).sort_values("line")
    mapped = located["INDICATOR_LABEL"].map(ref.source_code_map(SYSTEM))
    skill = located["ICT_SKILL"].str.strip().map(ref.legacy_code_map("SKILL"))
    obs = canonical_rows(located, series=mapped.map(lambda m: m[0]),
                         breakdown=mapped.map(lambda m: m[1]).where(mapped.map(lambda m: m[1]) != "*", skill),
                         value_column="OBS_VALUE", year_column="TIME_PERIOD", source_code=located["INDICATOR_LABEL"],
                         sex=located["SEX"].str.strip(), age=located["AGE"].map(sdmx_age),
                         nature=located["NATURE"].str.strip(),
                         source=located["SOURCE_DETAIL"].str.strip().replace("", ORIGIN),
                         note=located["COMMENT_OBS"].str.strip().replace("", None), file_label=file_label)
    return AdapterResult(observations_frame(obs),
                         concat_quarantine(parsed.problems, missing, bad, unknown_iso3, unknown_m49),
                         rows_read=parsed.data_lines)
