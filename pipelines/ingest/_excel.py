"""Spreadsheet grids as text rows with their row numbers, columns found by header label, and cell-level validation.

Excel-born formats (.xls via xlrd, .xlsx via openpyxl, or a CSV export of one sheet) are read as rows of cell texts,
so every quarantine record names the row a statistician sees in Excel and the raw Pandera models check the text as
typed. Columns are located by their labels, never by position: a moved column still works, a missing one is a
FileError that names it.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pandera.pandas as pa
import xlrd

from pipelines.core.canonical import FileError, concat_quarantine
from pipelines.core.parsing import decode_lines
from schemas.validation import split_valid

Row = tuple[int, list[str]]   # (1-based sheet row, or file line for a CSV export; cell texts)


def cell_text(value: object) -> str:
    """A cell as the text a person sees: whole numbers without '.0', empty cells as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def workbook_sheets(path: Path, file_label: str) -> dict[str, list[Row]]:
    """Every sheet of an .xls or .xlsx workbook, in workbook order, as text rows numbered from 1."""
    if path.stat().st_size == 0:
        raise FileError("empty_file", f"{file_label} is empty: there is no workbook.")
    try:
        return _xls_sheets(path) if path.suffix.lower() == ".xls" else _xlsx_sheets(path)
    except Exception as exc:  # xlrd and openpyxl raise many types for a damaged file; all mean the same here
        raise FileError("unreadable_workbook", f"{file_label} cannot be opened as an Excel workbook "
                        f"({type(exc).__name__}: {exc}).") from exc


def _xls_sheets(path: Path) -> dict[str, list[Row]]:
    book = xlrd.open_workbook(str(path))

    def text(cell: xlrd.sheet.Cell) -> str:
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return xlrd.error_text_from_code.get(cell.value, "#ERROR")
        if cell.ctype == xlrd.XL_CELL_DATE:
            return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        return cell_text(cell.value)

    return {sheet.name: [(r + 1, [text(c) for c in sheet.row(r)]) for r in range(sheet.nrows)]
            for sheet in book.sheets()}


def _xlsx_sheets(path: Path) -> dict[str, list[Row]]:
    book = openpyxl.load_workbook(path, data_only=True)   # not read_only: its row numbering skips empty rows
    try:
        return {ws.title: [(row[0].row, [cell_text(c.value) for c in row]) for row in ws.iter_rows()]
                for ws in book.worksheets}
    finally:
        book.close()


def csv_rows(path: Path, file_label: str) -> tuple[list[Row], list[dict]]:
    """A CSV export of one sheet: physical line n is sheet row n. Lines that are not UTF-8 come back as problems."""
    lines, problems = decode_lines(path, file_label)
    return [(n, [c.strip() for c in next(csv.reader([text]))] if text.strip() else []) for n, text in lines], problems


def is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def cell_at(cells: list[str], index: int) -> str:
    """Rows can be ragged (CSV exports drop trailing empty cells)."""
    return cells[index] if index < len(cells) else ""


def label(text: str) -> str:
    """Header labels compared case- and spacing-insensitively: ' Latest  Year' == 'latest year'."""
    return " ".join(str(text).lower().split())


def find_header(rows: list[Row], anchor: str, file_label: str, within: int = 20) -> int:
    """Index (in `rows`) of the first row that has a cell labelled `anchor`: the header row."""
    for index, (_, cells) in enumerate(rows[:within]):
        if anchor in (label(c) for c in cells):
            return index
    raise FileError("missing_column", f"{file_label}: no header row with a column {anchor!r} in the first "
                    f"{within} rows.", column=anchor)


def locate_columns(labels: list[str], expected: list[str], file_label: str, line: int) -> dict[str, int]:
    """{expected label: column index}. A missing or repeated expected label is a FileError naming it."""
    found: dict[str, int] = {}
    for index, text in enumerate(labels):
        if text in expected:
            if text in found:
                raise FileError("duplicate_column", f"{file_label} line {line}: column {text!r} appears twice "
                                f"(columns {found[text] + 1} and {index + 1}).", column=text, line=line)
            found[text] = index
    missing = [e for e in expected if e not in found]
    if missing:
        raise FileError("missing_column", f"{file_label} has no column {missing[0]!r} (header on line {line}: "
                        f"{', '.join(t for t in labels if t)}).", column=missing[0], line=line)
    return found


def validate_cells(cells: pd.DataFrame, model: type[pa.DataFrameModel], file_label: str
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`split_valid` for a frame of one record per cell (`value`, its column label in `header`, `line`), naming each
    bad cell's own column (e.g. '2019') instead of `value`.

    One line holds many cells, so the line alone does not say which cell broke a rule: the few rejected cells are
    validated again per header.
    """
    valid, _ = split_valid(cells, model, file_label=file_label)
    rejected = cells.loc[~cells.index.isin(valid.index)]
    parts = []
    for header, group in rejected.groupby("header", sort=False):
        _, problems = split_valid(group, model, file_label=file_label)
        is_value = problems["column"] == "value"
        problems.loc[is_value, "reason"] = problems.loc[is_value, "reason"].str.replace(
            "column 'value'", f"column {header!r}", regex=False)
        problems.loc[is_value, "column"] = header
        parts.append(problems)
    return valid, concat_quarantine(*parts)


def text_frame(records: list[dict], text_columns: list[str]) -> pd.DataFrame:
    """Records of cell texts with their `line`, typed for the raw models (text as string, line as int)."""
    df = pd.DataFrame(records, columns=text_columns + ["line"])
    return df.astype({**{c: "string" for c in text_columns}, "line": "int64"})
