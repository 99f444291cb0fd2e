"""ITU DataHub region classes (className, regionCode, regionName, regionID: `GET /v2/region/all`).

The file lists DataHub's region ids by classification ("ITU/BDT Classification": AFR, AMS, ARB, ASP, EUR, CIS;
UN M49 LDC/LLDC/SIDS; World Bank income 2022; World). It says which regions exist, not which economies belong to
them, and the project neither reads DataHub region series nor uses its region ids, so no row is staged: each is read
and excluded (`not_used`) with a sentence saying so. One thing is checked: every ITU/BDT region code must be an ITU
region the project knows (ITU_<code> in codelist ITU_REGION); one that is not is quarantined as `unknown_region`.

Counting convention: every line is one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, concat_quarantine, observations_frame, quarantine_row
from pipelines.ingest._common import first_row, raw_frame, read_table
from schemas import reference as ref
from schemas.raw.itu_regions import ItuRegionClassesRaw
from schemas.validation import split_valid

FORMAT = "itu_datahub_region_classes"
DESCRIPTION = "ITU DataHub region classes (className, regionCode, regionName, regionID); read and not staged"
ORIGIN = "ITU DataHub API, region list"
COLUMNS = ["className", "regionCode", "regionName", "regionID"]
ITU_CLASS = "ITU/BDT Classification"


def detect(path: Path, head: bytes) -> bool:
    return set(COLUMNS) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=COLUMNS)
    valid, bad = split_valid(raw_frame(parsed, COLUMNS), ItuRegionClassesRaw, file_label=file_label)
    regions = ref.codes("ITU_REGION")
    rows = []
    for r in valid.itertuples():
        label = f"{r.className!r} region {r.regionCode} ({r.regionName}, id {r.regionID})"
        if r.className == ITU_CLASS and f"ITU_{r.regionCode}" not in regions:
            rows.append(quarantine_row(file_label, int(r.line), "regionCode", "unknown_region", r.regionCode,
                                       f"{file_label} line {r.line}: {label}: ITU_{r.regionCode} is not an ITU region "
                                       "of the project (codelist ITU_REGION in pipelines/reference/codelists.csv)."))
        else:
            rows.append(quarantine_row(file_label, int(r.line), "regionCode", "not_used", r.regionCode,
                                       f"{file_label} line {r.line}: {label} is a DataHub region id; the project does "
                                       "not use DataHub region ids (its groups are in pipelines/reference/groups.csv, "
                                       "ITU-region membership comes from ITU's economies list), so it is not staged.",
                                       severity="excluded"))
    quarantine = concat_quarantine(parsed.problems, bad, rows)
    return AdapterResult(observations_frame(), quarantine, rows_read=parsed.data_lines)
