"""UNDP Human Development Report, "Composite indices complete time series" CSV (HDR 2021/22: 1990-2021).

Wide: `iso3, country, hdicode, region, continent, hdi_rank_<year>`, then one column per indicator and year,
`<code>_<year>` (about 1,000 columns: hdi, le, eys, mys, gnipc, gdi, gii...). The project reads mean years of
schooling (adults 25+, the IDI skills indicator): `mys_<year>`, and by sex `mys_f_<year>` / `mys_m_<year>`
(source_codes.csv, system undp_hdr). Every other indicator column is not read; the notes name them. UNDP compiles
the values from Barro-Lee, UIS, OECD and national surveys (its own estimates where needed), so they are not
country-reported data: nature "E".

Counting convention (wide file): a record is one non-empty cell of a mapped column; an empty cell is not a record
(UNDP leaves missing years empty), nor is a cell of an indicator the project does not read. A problem that holds
back a whole line (an unknown economy code) is one record; a bad cell holds back that cell only.
"""
from __future__ import annotations

import re
from pathlib import Path

from pipelines.core.canonical import AdapterResult, FileError, concat_quarantine, observations_frame
from pipelines.ingest._common import canonical_rows, first_row, raw_frame, read_table, resolve_areas, value_cells
from pipelines.ingest._wide import wide_records
from schemas import reference as ref
from schemas.raw.undp_hdr import UndpHdrLineRaw

FORMAT = "undp_hdr_composite_csv"
DESCRIPTION = "UNDP HDR composite indices complete time series CSV (iso3, country, <indicator>_<year> columns)"
ORIGIN = "UNDP Human Development Report Office, composite indices time series"
SYSTEM = "undp_hdr"
ID_COLUMNS = ["iso3", "country", "hdicode", "region"]
DESCRIPTIVE = {*ID_COLUMNS, "continent"}   # every other column is `<indicator>_<year>`
INDICATOR_YEAR = re.compile(r"(?P<code>[a-z][a-z0-9_]*?)_(?P<year>\d{4})")
SEX = {"mys": "_T", "mys_f": "F", "mys_m": "M"}
NATURE = "E"


def detect(path: Path, head: bytes) -> bool:
    header = first_row(path, head)
    return set(ID_COLUMNS) <= set(header) and any(INDICATOR_YEAR.fullmatch(h) for h in header)


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=ID_COLUMNS)
    codes = ref.source_code_map(SYSTEM)
    for h in parsed.header:
        if h not in DESCRIPTIVE and not INDICATOR_YEAR.fullmatch(h):
            raise FileError("year_not_integer", f"{file_label}: column {h!r} should be <indicator>_<year>.", column=h,
                            line=1)
    mapped = [h for h in parsed.header if (m := INDICATOR_YEAR.fullmatch(h)) and m["code"] in codes]
    raw = raw_frame(parsed, ["iso3", "country", *mapped])
    records, quarantine, records_read = wide_records(
        raw[["iso3", "country", "line"]], value_cells(raw[["line", *mapped]], mapped), UndpHdrLineRaw, file_label,
        lambda df: resolve_areas(df, "iso3", file_label))
    parts = records["header"].str.extract(INDICATOR_YEAR.pattern)
    obs = canonical_rows(records.assign(year=parts["year"]), series=parts["code"].map(lambda c: codes[c][0]),
                         sex=parts["code"].map(SEX), value_column="value", year_column="year",
                         source=f"{ORIGIN} ({path.name})", nature=NATURE, source_code=parts["code"],
                         file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(parsed.problems, quarantine),
                         rows_read=len(parsed.problems) + records_read, notes=[_not_read(parsed.header, codes)])


def _not_read(header: list[str], codes: dict) -> str:
    """The indicator columns the project does not stage, by indicator code, for the run's notes."""
    skipped: dict[str, int] = {}
    for h in header:
        if (m := INDICATOR_YEAR.fullmatch(h)) and m["code"] not in codes:
            skipped[m["code"]] = skipped.get(m["code"], 0) + 1
    return (f"{sum(skipped.values())} indicator-year columns not read (not project series): "
            + ", ".join(f"{code} ({n})" for code, n in sorted(skipped.items())))
