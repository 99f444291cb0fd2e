"""UN SDG Global Database, legacy API CSV (e.g. the 2020.Q4 extracts for 5.b.1 IT_MOB_OWN and 4.4.1 SE_ADT_ACTS).

One observation per line. Economies are UN M49 numbers (GeoAreaCode): M49 regions and groupings (1 World...) are
excluded, other unknown numbers quarantined. Dimensions use the API's legacy codes, mapped to SDMX codes through
codelists.csv (BOTHSEX -> _T, URBAN -> U, CMFL -> SKILL_ICTCMFL, ANYS -> _T...); a code that is not there is a
named error, never guessed. The education level (4.a.1 SE_ACS_INTNT: primary, lower and upper secondary) becomes the
breakdown, ISCED11_1..3. Age: blank is all ages (_T), '15+' / '15-24' become Y_GE15 / Y15T24.

The SDG API's own CSV (Series/DataCSV) writes the dimension and attribute labels in brackets ("[Sex]", "[Units]",
"[Reporting Type]"); they are read without them, so that export reads as the database's downloads do.

Nature comes from the Nature column; the 2020.Q4 files leave it blank everywhere, and blank is taken as "C"
(country data, as the UNSD gender portal marks most of the same values). An empty Value is quarantined as
excluded / `missing_value`; every line is one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import TOTAL, AdapterResult, concat_quarantine, observations_frame
from pipelines.ingest import HEAD_BYTES
from pipelines.ingest._common import canonical_rows, exclude_missing, first_row, raw_frame, read_table, resolve_m49
from schemas import reference as ref
from schemas.raw._columns import sdmx_age
from schemas.raw.un_sdg_api import RULE_COLUMNS, SYSTEM, UnSdgApiRaw
from schemas.validation import split_valid

FORMAT = "un_sdg_api_csv"
DESCRIPTION = "UN SDG Global Database legacy API CSV (SeriesCode, GeoAreaCode M49, TimePeriod, Value, legacy codes)"
ORIGIN = "UN SDG Global Database"
REQUIRED = ["SeriesCode", "GeoAreaCode", "TimePeriod", "Value", "Sex", "Units"]
OPTIONAL = ["GeoAreaName", "Age", "Location", "Nature", "Source", "FootNote", "Type of skill", "Type of speed",
            "Education level"]


def detect(path: Path, head: bytes) -> bool:
    return set(REQUIRED + ["GeoAreaName", "Time_Detail"]) <= {unbracketed(h) for h in first_row(path, head)}


def unbracketed(label: str) -> str:
    """A label as the database's downloads write it: "[Sex]" (the API's CSV) is "Sex"."""
    return label[1:-1].strip() if label.startswith("[") and label.endswith("]") else label


def read(path: Path, file_label: str) -> AdapterResult:
    with path.open("rb") as handle:
        written = {unbracketed(h): h for h in first_row(path, handle.read(HEAD_BYTES))}
    parsed = read_table(path, file_label, required=[written.get(c, c) for c in REQUIRED]).renamed(unbracketed)
    present, missing = exclude_missing(raw_frame(parsed, REQUIRED + OPTIONAL), "Value", file_label)
    valid, bad = split_valid(present, UnSdgApiRaw, file_label=file_label, rule_columns=RULE_COLUMNS)
    located, unknown = resolve_m49(valid, "GeoAreaCode", file_label)
    mapped = located["SeriesCode"].map(ref.source_code_map(SYSTEM))
    skill = located["Type of skill"].str.strip().map(ref.legacy_code_map("SKILL"))
    speed = located["Type of speed"].str.strip().map(ref.legacy_code_map("SPEED"))
    level = located["Education level"].str.strip().map(ref.legacy_code_map("EDUCATION_LEV"))
    breakdown = mapped.map(lambda m: m[1]).where(mapped.map(lambda m: m[1]) != "*", skill.fillna(speed).fillna(level))
    obs = canonical_rows(located, series=mapped.map(lambda m: m[0]), breakdown=breakdown,
                         value_column="Value", year_column="TimePeriod", source_code=located["SeriesCode"],
                         sex=located["Sex"].str.strip().map(ref.legacy_code_map("SEX")),
                         age=located["Age"].map(sdmx_age),
                         urbanisation=located["Location"].str.strip().map(ref.legacy_code_map("URBANISATION"))
                         .fillna(TOTAL),
                         nature=located["Nature"].str.strip().replace("", "C"),
                         source=located["Source"].str.strip().replace("", ORIGIN),
                         note=located["FootNote"].str.strip().replace("", None), file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(parsed.problems, missing, bad, unknown),
                         rows_read=parsed.data_lines)
