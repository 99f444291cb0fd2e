"""Country submission workbook (.xlsx) of the project's own design (pipelines/core/submission_template.py).

Sheets: About (economy, reporting agency, contact, release), one sheet per indicator group (columns economy, series,
sex, age, urbanisation, breakdown, one per year, note, source, estimate) and Tariffs. Every non-empty year cell is
one record: an observation, or a quarantine record naming the file and sheet ('book.xlsx#Mobile'), the sheet row,
the column and the rule. A problem with the row itself (unknown series or economy, bad code) holds the row back as
one record. A missing or renamed sheet is a file error naming it and the sheets found, while the other sheets still
flow. Tariff plans (one per row of the Tariffs sheet) are validated and staged as by the tariff_plans_csv adapter.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core import tariff_plans
from pipelines.core.canonical import AdapterResult, FileError, file_error_result, observations_frame
from pipelines.core.submission_layout import (ABOUT, ABOUT_FIELDS, CODES, DATA_SHEETS, EXPECTED_SHEETS,
                                              KEY_COLUMNS, TARIFF_COLUMNS, TARIFFS, TITLE, TRAILING_COLUMNS)
from pipelines.ingest._common import canonical_rows, combine_results, resolve_areas
from pipelines.ingest._excel import (CELL_WORKBOOKS, Row, cell_at, find_header, is_blank, label, locate_columns,
                                     text_frame, workbook_sheets)
from pipelines.ingest._wide import wide_records
from pipelines.ingest.tariff_plans_csv import plans_result
from schemas.raw.country_submission import SubmissionRowRaw
from schemas.values import parse_year

FORMAT = "country_submission_xlsx"
DESCRIPTION = "Country submission workbook (.xlsx, project template: About, Fixed, Mobile, Households, Individuals, " \
              "Tariffs, WSIS)"
ORIGIN = "Country submission (project workbook)"
DETECT_PRIORITY = 20
ROW_COLUMNS = KEY_COLUMNS + TRAILING_COLUMNS
TOTAL_COLUMNS = ["sex", "age", "urbanisation", "breakdown"]   # empty means _T


def detect(path: Path, head: bytes) -> bool:
    if path.suffix.lower() not in CELL_WORKBOOKS:
        return False
    sheets = workbook_sheets(path, path.name)
    about = sheets.get(ABOUT, [])
    titled = bool(about) and cell_at(about[0][1], 0) == TITLE
    return titled or len(set(sheets) & set(EXPECTED_SHEETS)) >= 3


def read(path: Path, file_label: str) -> AdapterResult:
    sheets = workbook_sheets(path, file_label)
    about = _about(sheets.get(ABOUT, []))
    results = [_missing_sheet(name, sheets, file_label) for name in EXPECTED_SHEETS if name not in sheets]
    for spec in DATA_SHEETS:
        if spec.name in sheets:
            results.append(_sheet(_data_sheet, sheets[spec.name], f"{file_label}#{spec.name}", about))
    if TARIFFS in sheets:
        results.append(_sheet(_tariffs, sheets[TARIFFS], f"{file_label}#{TARIFFS}", about))
    return combine_results(results)


def _about(rows: list[Row]) -> dict[str, str]:
    """{field: value} from the About sheet, found by the labels in column A (value in column B)."""
    fields = {label(text): key for key, text in ABOUT_FIELDS.items()}
    found = {label(cell_at(cells, 0)): cell_at(cells, 1) for _, cells in rows}
    return {key: found[text] for text, key in fields.items() if text in found}


def _missing_sheet(name: str, sheets: dict[str, list[Row]], file_label: str) -> AdapterResult:
    unknown = [s for s in sheets if s not in EXPECTED_SHEETS and s != CODES]
    err = FileError("missing_sheet", f"{file_label}: sheet {name!r} is missing (renamed or deleted?); the workbook has "
                    f"sheets {', '.join(map(repr, sheets))}." + (f" Sheets not read: {', '.join(map(repr, unknown))}."
                                                                if unknown else ""), column=name)
    return file_error_result(f"{file_label}#{name}", err, data_lines=0)


def _sheet(reader, rows: list[Row], sheet_label: str, about: dict[str, str]) -> AdapterResult:
    """Read one sheet; a structural problem (a header renamed) becomes a file error for this sheet only."""
    try:
        return reader(rows, sheet_label, about)
    except FileError as err:
        return file_error_result(sheet_label, err, data_lines=sum(not is_blank(cells) for _, cells in rows[1:]))


def _data_sheet(rows: list[Row], sheet_label: str, about: dict[str, str]) -> AdapterResult:
    at = find_header(rows, "series", sheet_label)
    header_line, header = rows[at]
    labels = [label(c) for c in header]
    columns = locate_columns(labels, ROW_COLUMNS, sheet_label, header_line)
    years = _year_columns(labels, sheet_label, header_line)
    lines, cells = [], []
    for line, row in rows[at + 1:]:
        filled = [(year, cell_at(row, index)) for index, year in years.items() if cell_at(row, index)]
        if filled:
            lines.append({c: cell_at(row, columns[c]) for c in ROW_COLUMNS} | {"line": line})
            cells += [{"header": year, "value": value, "line": line} for year, value in filled]
    records, quarantine, records_read = wide_records(
        _defaults(text_frame(lines, ROW_COLUMNS), about), text_frame(cells, ["header", "value"]), SubmissionRowRaw,
        sheet_label, lambda df: resolve_areas(df, "economy", sheet_label))
    source = about.get("agency") or ORIGIN
    obs = canonical_rows(records, series=records["series"], value_column="value", year_column="header",
                         sex=records["sex"], age=records["age"], urbanisation=records["urbanisation"],
                         breakdown=records["breakdown"], nature=records["estimate"].map({"Y": "E"}).fillna("C"),
                         source=records["source"].mask(records["source"] == "", source),
                         note=records["note"].mask(records["note"] == ""), source_code=records["series"],
                         file_label=sheet_label)
    return AdapterResult(observations_frame(obs), quarantine, rows_read=records_read)


def _year_columns(labels: list[str], sheet_label: str, line: int) -> dict[int, str]:
    """{column index: year} for the year columns of the header; a repeated year is ambiguous."""
    years: dict[int, str] = {}
    for index, text in enumerate(labels):
        year = parse_year(text) if text else None
        if year is not None:
            if str(year) in years.values():
                raise FileError("duplicate_column", f"{sheet_label} line {line}: year column {year} appears twice.",
                                column=str(year), line=line)
            years[index] = str(year)
    if not years:
        raise FileError("missing_column", f"{sheet_label} has no year columns (2000, 2001, ...) in its header on "
                        f"line {line}.", column="2000", line=line)
    return years


def _defaults(lines: pd.DataFrame, about: dict[str, str]) -> pd.DataFrame:
    """The template's conventions: an empty breakdown column means total (_T), an empty economy the About sheet's
    economy; `estimate` is compared case-insensitively."""
    out = lines.copy()
    for column in TOTAL_COLUMNS:
        out[column] = out[column].mask(out[column] == "", "_T")
    out["economy"] = out["economy"].mask(out["economy"] == "", about.get("economy", ""))
    out["estimate"] = out["estimate"].str.upper()
    return out


def _tariffs(rows: list[Row], sheet_label: str, about: dict[str, str]) -> AdapterResult:
    """Tariff plans, one per row, validated and staged like the tariff CSV (tariff_plans table); the optional
    `service` column may be absent, an empty ref_area is the About sheet's economy."""
    at = find_header(rows, "ref_area", sheet_label)
    header_line, header = rows[at]
    labels = [label(c) for c in header]
    columns = locate_columns(labels, tariff_plans.INPUT_COLUMNS, sheet_label, header_line)
    columns |= {c: labels.index(c) for c in tariff_plans.OPTIONAL_COLUMNS if c in labels}
    lines = [{c: cell_at(row, columns[c]) if c in columns else "" for c in TARIFF_COLUMNS} | {"line": line}
             for line, row in rows[at + 1:] if not is_blank(row)]
    raw = text_frame(lines, TARIFF_COLUMNS)
    raw["ref_area"] = raw["ref_area"].mask(raw["ref_area"] == "", about.get("economy", ""))
    return plans_result(raw, sheet_label, source=about.get("agency") or ORIGIN)
