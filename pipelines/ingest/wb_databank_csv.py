"""World Bank DataBank wide download (e.g. Global Findex: "Made or received digital payments in the past year").

Columns: Country Name, Country Code, then one per series x year, labelled like
"Made or received digital payments in the past year, female  (% age 15+) [g20.t.2] - 2014 [YR2014]": the code in
brackets maps to a series (source_codes.csv, system wb_databank), sex comes from the label (female / male, else
total), age from "(% age 15+)" (-> Y_GE15), the year from "[YR2014]". A label that does not parse, or whose code
is not mapped, makes the file unreadable (FileError naming the column): the meaning of a whole column is unknown.
DataBank writes ".." for no data and ends the file with empty lines and "Data from database: ..." / "Last Updated:"
lines; those are excluded as `footnote` and feed the vintage in `source`. Nature "C".

Counting convention (wide file): a record is one value cell of an economy line; ".." and empty cells are not
records. A problem that holds back a whole line (unknown economy, empty code) and each footer line is one record.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipelines.core.canonical import TOTAL, AdapterResult, FileError, concat_quarantine, observations_frame
from pipelines.ingest._common import (canonical_rows, first_row, raw_frame, read_table, resolve_areas, split_trailer,
                                      value_cells)
from pipelines.ingest._excel import validate_cells
from schemas import reference as ref
from schemas.raw._columns import sdmx_age
from schemas.raw.cells import ValueCellRaw
from schemas.raw.wb_databank import WbDatabankRaw
from schemas.validation import split_valid
from schemas.values import parse_year

FORMAT = "wb_databank_csv"
DESCRIPTION = "World Bank DataBank wide CSV (Country Name, Country Code, '<series> [code] - <year> [YR<year>]'...)"
ORIGIN = "World Bank DataBank"
ID_COLUMNS = ["Country Name", "Country Code"]
SYSTEM = "wb_databank"
LABEL = re.compile(r"(?P<label>.+?) \[(?P<code>[^\]]+)\] - (?P<year>\S+) \[YR[^\]]*\]")
SEX = re.compile(r",\s*(female|male)\b", re.IGNORECASE)
AGE = re.compile(r"\(% age ([^)]+)\)")


def detect(path: Path, head: bytes) -> bool:
    row = first_row(path, head)
    return set(ID_COLUMNS) <= set(row) and any(LABEL.fullmatch(h) for h in row if h not in ID_COLUMNS)


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=ID_COLUMNS)
    columns = _columns(parsed.header, file_label)
    raw = raw_frame(parsed, ID_COLUMNS + list(columns.index))
    data, footer = split_trailer(raw, "Country Code", file_label)
    valid, bad = split_valid(data, WbDatabankRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, "Country Code", file_label)
    cells = value_cells(located, list(columns.index))
    good, bad_cells = validate_cells(cells, ValueCellRaw, file_label)
    meta = columns.loc[good["header"]].set_axis(good.index)
    obs = canonical_rows(good.assign(year=meta["year"]), series=meta["series"], value_column="value",
                         year_column="year", sex=meta["sex"], age=meta["age"], source_code=meta["code"],
                         source=_source(footer), file_label=file_label)
    line_problems = concat_quarantine(parsed.problems, footer, bad, unknown)
    return AdapterResult(observations_frame(obs), concat_quarantine(line_problems, bad_cells),
                         rows_read=len(line_problems) + len(cells))


def _columns(header: list[str], file_label: str) -> pd.DataFrame:
    """Per value column label: code, series, sex, age and year; a label that cannot be understood is a FileError."""
    rows = {}
    for h in (h for h in header if h and h not in ID_COLUMNS):
        m = LABEL.fullmatch(h)
        if m is None:
            raise FileError("unknown_column", f"{file_label}: column {h!r} is not a DataBank series label "
                            "('<series> [<code>] - <year> [YR<year>]').", column=h, line=1)
        if parse_year(m["year"]) is None:
            raise FileError("year_not_integer", f"{file_label}: column {h!r} has year {m['year']!r}.", column=h, line=1)
        if m["code"] not in ref.source_code_map(SYSTEM):
            raise FileError("unknown_source_code", f"{file_label}: column {h!r} has series code {m['code']!r}, which "
                            f"is not in pipelines/reference/source_codes.csv (system {SYSTEM}).", column=h, line=1)
        sex, age = SEX.search(m["label"]), AGE.search(m["label"])
        rows[h] = {"code": m["code"], "series": ref.source_code_map(SYSTEM)[m["code"]][0], "year": m["year"],
                   "sex": {"female": "F", "male": "M"}[sex[1].lower()] if sex else TOTAL,
                   "age": sdmx_age(age[1]) if age else TOTAL}
    bad_age = [h for h, r in rows.items() if r["age"] is None]
    if bad_age:
        raise FileError("unknown_age", f"{file_label}: column {bad_age[0]!r} has an age group with no SDMX code.",
                        column=bad_age[0], line=1)
    return pd.DataFrame.from_dict(rows, orient="index")


def _source(footer: pd.DataFrame) -> str:
    """'World Bank DataBank: Global Financial Inclusion (last updated 10/15/2018)' from the footer lines."""
    text = " | ".join(footer["value"].dropna()) if len(footer) else ""
    database = re.search(r"Data from database:\s*([^|]+)", text)
    updated = re.search(r"Last Updated:\s*([^|]+)", text)
    return (ORIGIN + (f": {database[1].strip()}" if database else "")
            + (f" (last updated {updated[1].strip()})" if updated else ""))
