"""Spreadsheet grids as text rows with their row numbers, columns found by header label, and cell-level validation.

Excel-born formats (.xls via xlrd, .xlsx via openpyxl, or a CSV export of one sheet) are read as rows of cell texts,
so every quarantine record names the row a statistician sees in Excel and the raw Pandera models check the text as
typed. Columns are located by their labels, never by position: a moved column still works, a missing one is a
FileError that names it. Workbooks are streamed within the limits of workbook_limits.yaml (a zip bomb is refused from
its archive directory, before anything is unpacked). The workbook readers are imported when a workbook is read:
every adapter is imported to detect a file's format, and most files are not workbooks.
"""
from __future__ import annotations

import csv
import datetime as dt
import zipfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from pipelines.core.canonical import FileError, concat_quarantine
from pipelines.core.parsing import decode_lines, text_encoding
from schemas.validation import split_valid

Row = tuple[int, list[str]]   # (1-based sheet row, or file line for a CSV export; cell texts)
LIMITS = Path(__file__).with_name("workbook_limits.yaml")
WORKBOOK_SUFFIXES = (".xls", ".xlsx")
_MB = 1 << 20


@lru_cache(maxsize=1)
def limits() -> dict:
    return yaml.safe_load(LIMITS.read_text(encoding="utf-8"))


def _limit_error(file_label: str, what: str, sheet: str | None = None) -> FileError:
    where = f" (sheet {sheet!r})" if sheet is not None else ""
    return FileError("workbook_limit", f"{file_label}{where} is past the workbook limit on {what} "
                     f"(pipelines/ingest/{LIMITS.name}); it was not read.")


def check_workbook(path: Path, file_label: str) -> None:
    """Refuse a workbook from its size alone, before unpacking anything: an .xlsx archive's declared sizes, its members'
    compression ratio and its sheet count; an .xls file's size. Raises FileError(`workbook_limit`)."""
    cap = limits()
    if path.suffix.lower() == ".xls":
        if path.stat().st_size > cap["max_uncompressed_mb"] * _MB:
            raise _limit_error(file_label, f"size: {path.stat().st_size // _MB} MB > {cap['max_uncompressed_mb']} MB")
        return
    try:
        members = zipfile.ZipFile(path).infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileError("unreadable_workbook", f"{file_label} cannot be opened as an Excel workbook ({exc}).") from exc
    total = sum(m.file_size for m in members)
    if total > cap["max_uncompressed_mb"] * _MB:
        raise _limit_error(file_label, f"uncompressed size: {total // _MB} MB > {cap['max_uncompressed_mb']} MB")
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > cap["ratio_floor_mb"] * _MB and ratio > cap["max_compression_ratio"]:
            raise _limit_error(file_label, f"compression ratio: {m.filename} unpacks {ratio:.0f} times its size "
                               f"(> {cap['max_compression_ratio']})")
    sheets = sum(1 for m in members if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"))
    if sheets > cap["max_sheets"]:
        raise _limit_error(file_label, f"sheets: {sheets} > {cap['max_sheets']}")


def check_input(path: Path, file_label: str) -> FileError | None:
    """What makes a file unreadable before any adapter looks at it (a workbook past its limits, UTF-16 text), or
    None. For `isoc snapshot add` and `isoc validate`, which refuse such a file with this reason."""
    try:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            check_workbook(path, file_label)
        elif path.suffix.lower() != ".parquet":
            with open(path, "rb") as fh:
                text_encoding(fh.read(1 << 16), file_label)
    except FileError as err:
        return err
    return None


def bounded_rows(rows, file_label: str, sheet: str):
    """The sheet's rows, stopping with FileError(`workbook_limit`) past the row or column limit."""
    cap = limits()
    for number, row in enumerate(rows, start=1):
        if number > cap["max_rows"]:
            raise _limit_error(file_label, f"rows: more than {cap['max_rows']}", sheet)
        if len(row) > cap["max_columns"]:
            raise _limit_error(file_label, f"columns: {len(row)} > {cap['max_columns']} in row {number}", sheet)
        yield number, row


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
    check_workbook(path, file_label)
    try:
        return _xls_sheets(path, file_label) if path.suffix.lower() == ".xls" else _xlsx_sheets(path, file_label)
    except FileError:
        raise
    except Exception as exc:  # xlrd and openpyxl raise many types for a damaged file; all mean the same here
        raise FileError("unreadable_workbook", f"{file_label} cannot be opened as an Excel workbook "
                        f"({type(exc).__name__}: {exc}).") from exc


def _xls_sheets(path: Path, file_label: str) -> dict[str, list[Row]]:
    import xlrd

    book = xlrd.open_workbook(str(path))
    if book.nsheets > limits()["max_sheets"]:
        raise _limit_error(file_label, f"sheets: {book.nsheets} > {limits()['max_sheets']}")

    def text(cell: xlrd.sheet.Cell) -> str:
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return xlrd.error_text_from_code.get(cell.value, "#ERROR")
        if cell.ctype == xlrd.XL_CELL_DATE:
            return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        return cell_text(cell.value)

    return {sheet.name: [(n, [text(c) for c in row]) for n, row in
                         bounded_rows((sheet.row(r) for r in range(sheet.nrows)), file_label, sheet.name)]
            for sheet in book.sheets()}


def _xlsx_sheets(path: Path, file_label: str) -> dict[str, list[Row]]:
    """Streamed (read-only mode) within the row and column limits. Declared sheet dimensions are ignored: rows come
    as stored, and the rows a sheet skips come back empty, so row n is still sheet row n."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = {}
        for ws in book.worksheets:
            ws.reset_dimensions()
            sheets[ws.title] = [(n, [cell_text(v) for v in row])
                                for n, row in bounded_rows(ws.iter_rows(values_only=True), file_label, ws.title)]
        return sheets
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


def validate_cells(cells: pd.DataFrame, model: type, file_label: str
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
