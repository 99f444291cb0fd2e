"""Spreadsheet grids as text rows with their row numbers, columns found by header label, and cell-level validation.

Excel-born formats (.xlsx, .xlsm and LibreOffice's .ods via python-calamine, .xls via xlrd, or a CSV export of one
sheet) are read as rows of cell texts, so every quarantine record names the row a statistician sees in Excel and the raw
Pandera models check the text as typed. Columns are located by their labels, never by position: a moved column still
works, a missing one is a FileError that names it. Workbooks are read within the limits of workbook_limits.yaml: a zip
bomb is refused from its archive directory before anything is unpacked, a runaway sheet from its XML before its cells
are read. The workbook readers are imported when a workbook is read: every adapter is imported to detect a file's
format, and most files are not workbooks.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import posixpath
import re
import zipfile
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import pandas as pd

from pipelines.core.canonical import FileError, concat_quarantine
from pipelines.core.parsing import CELL_WORKBOOKS, DELIMITERS, WORKBOOK_SUFFIXES, decode_lines, text_encoding
from pipelines.ingest._ods import OdsSheetError, ods_layouts
from schemas.validation import split_valid
from schemas.yaml_files import read_yaml

Row = tuple[int, list[str]]   # (1-based sheet row, or file line for a CSV export; cell texts)
LIMITS = Path(__file__).with_name("workbook_limits.yaml")
_MB = 1 << 20


@lru_cache(maxsize=1)
def limits() -> dict:
    return read_yaml(LIMITS)


def _limit_error(file_label: str, what: str, sheet: str | None = None) -> FileError:
    where = f" (sheet {sheet!r})" if sheet is not None else ""
    return FileError("workbook_limit", f"{file_label}{where} is past the workbook limit on {what} "
                     f"(pipelines/ingest/{LIMITS.name}); it was not read.")


def check_workbook(path: Path, file_label: str) -> None:
    """Refuse a workbook from its size alone, before unpacking anything: a zipped workbook's declared sizes and its
    members' compression ratio, an .xlsx's or .xlsm's sheet count (an .ods names its sheets inside content.xml: counted
    when it is read); an .xls file's size. Raises FileError(`workbook_limit`)."""
    cap = limits()
    if path.suffix.lower() == ".xls":
        if path.stat().st_size > cap["max_uncompressed_mb"] * _MB:
            raise _limit_error(file_label, f"size: {path.stat().st_size // _MB} MB > {cap['max_uncompressed_mb']} MB")
        return
    try:
        members = zipfile.ZipFile(path).infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileError("unreadable_workbook", f"{file_label} cannot be opened as {_kind(path)} ({exc}).") from exc
    check_archive(members, file_label)
    sheets = sum(1 for m in members if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"))
    if sheets > cap["max_sheets"]:
        raise _limit_error(file_label, f"sheets: {sheets} > {cap['max_sheets']}")


def _kind(path: Path) -> str:
    return "an OpenDocument spreadsheet" if path.suffix.lower() == ".ods" else "an Excel workbook"


def check_archive(members: list[zipfile.ZipInfo], file_label: str) -> None:
    """Refuse a zip archive (an .xlsx, or a download such as the World Bank's) from its declared sizes alone: all
    members unpacked, and each member's compression ratio. Raises FileError(`workbook_limit`)."""
    cap = limits()
    total = sum(m.file_size for m in members)
    if total > cap["max_uncompressed_mb"] * _MB:
        raise _limit_error(file_label, f"uncompressed size: {total // _MB} MB > {cap['max_uncompressed_mb']} MB")
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > cap["ratio_floor_mb"] * _MB and ratio > cap["max_compression_ratio"]:
            raise _limit_error(file_label, f"compression ratio: {m.filename} unpacks {ratio:.0f} times its size "
                               f"(> {cap['max_compression_ratio']})")


def check_input(path: Path, file_label: str) -> FileError | None:
    """What makes a file unreadable before any adapter looks at it (a workbook past its limits or damaged, UTF-16
    text), or None. For `isoc snapshot add` and `isoc validate`, which refuse such a file with this reason. A workbook
    is read here, within its limits (and kept for the detection that follows): a sheet past them is only found while
    reading, and detection, which tries every adapter, would only have said the format was not recognised."""
    try:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            workbook_sheets(path, file_label)
        elif path.suffix.lower() != ".parquet":
            with open(path, "rb") as fh:
                text_encoding(fh.read(1 << 16), file_label)
    except FileError as err:
        return err
    return None


def cell_text(value: object) -> str:
    """A cell as the text a person sees: whole numbers without '.0', empty cells as '', a date as the datetime a
    date-formatted cell has always been read as ('2020-01-02T00:00:00')."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):   # calamine gives a whole-day date-time as a date
        return dt.datetime.combine(value, dt.time()).isoformat()
    return str(value).strip()


def _float_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def workbook_sheets(path: Path, file_label: str) -> dict[str, list[Row]]:
    """Every worksheet of an .xls, .xlsx or .ods workbook, in workbook order, as text rows numbered from 1 (one per
    sheet row up to the last one used; an .xlsx or .ods row ends at its last cell with a value, an .xls row is as wide
    as its sheet).

    The last workbook read is kept: detecting a file's format asks several adapters for its first row, then one
    adapter reads it whole, and a workbook is parsed whole either way."""
    global _last_read
    if path.stat().st_size == 0:
        raise FileError("empty_file", f"{file_label} is empty: there is no workbook.")
    check_workbook(path, file_label)
    key = (str(path.resolve()), hashlib.sha1(path.read_bytes()).digest())   # a file rewritten in place is read anew
    if _last_read is not None and _last_read[0] == key:
        return _last_read[1]
    try:
        read = {".xls": _xls_sheets, ".ods": _ods_sheets}.get(path.suffix.lower(), _xlsx_sheets)
        sheets = read(path, file_label)
    except FileError:
        raise
    except Exception as exc:  # xlrd and calamine raise many types for a damaged file; all mean the same here
        raise FileError("unreadable_workbook", f"{file_label} cannot be opened as {_kind(path)} "
                        f"({type(exc).__name__}: {exc}).") from exc
    _last_read = (key, sheets)
    return sheets


_last_read: tuple[tuple, dict[str, list[Row]]] | None = None


def _check_extent(height: int, width: int, file_label: str, sheet: str, wide_row: int | None = None) -> None:
    """The row, column and cell limits on a sheet's used area (height rows from row 1, width columns from A)."""
    cap = limits()
    if height > cap["max_rows"]:
        raise _limit_error(file_label, f"rows: more than {cap['max_rows']}", sheet)
    if width > cap["max_columns"]:
        where = f" in row {wide_row}" if wide_row else ""
        raise _limit_error(file_label, f"columns: {width} > {cap['max_columns']}{where}", sheet)
    if height * width > cap["max_cells"]:
        raise _limit_error(file_label, f"cells: {height} rows x {width} columns > {cap['max_cells']}", sheet)


def _xls_sheets(path: Path, file_label: str) -> dict[str, list[Row]]:
    """Through xlrd, not calamine: python-calamine reads an error cell (#N/A, #DIV/0!) as empty, which would turn a
    bad cell into a missing one. An .xls holds at most 65,536 rows x 256 columns, so xlrd reads it in moments."""
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

    sheets = {}
    for sheet in book.sheets():
        _check_extent(sheet.nrows, sheet.ncols, file_label, sheet.name)
        sheets[sheet.name] = [(n, [text(c) for c in sheet.row(n - 1)]) for n in range(1, sheet.nrows + 1)]
    return sheets


def _xlsx_sheets(path: Path, file_label: str) -> dict[str, list[Row]]:
    """Through python-calamine, which gives each formula's cached value. Each sheet's used area is measured from its
    XML before calamine reads it (calamine allocates the whole area at once: two cells far apart would exhaust
    memory), and its error cells are put back as their text."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(part) for name, part in _sheet_members(archive).items()}
        escapes = any(b"_x" in xml for xml in parts.values()) or (
            "xl/sharedStrings.xml" in archive.namelist() and b"_x" in archive.read("xl/sharedStrings.xml"))
    layouts = {name: _scan_sheet(xml) for name, xml in parts.items()}
    del parts
    sheets = {}
    with CalamineWorkbook.from_path(path) as book:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            layout = layouts[meta.name]
            _check_extent(layout.height, layout.width, file_label, meta.name, layout.wide_row)
            grid = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            texts = [_texts(values, escapes) for values in grid]
            for (row, column), error in layout.errors.items():   # within the grid: calamine keeps error cells
                texts[row - 1][column - 1] = error
            sheets[meta.name] = [(n, _trimmed(cells)) for n, cells in enumerate(texts, start=1)]
    return sheets


def _ods_sheets(path: Path, file_label: str) -> dict[str, list[Row]]:
    """An OpenDocument spreadsheet through python-calamine. calamine expands every sheet as it opens the file, so
    each sheet's used area is counted from content.xml first (_ods.ods_layouts) and checked, and so is their sum,
    before calamine opens it; error cells are put back as their text."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        try:
            layouts = ods_layouts(content, limits()["max_columns"])
        except OdsSheetError as exc:
            raise FileError("unreadable_workbook", f"{file_label} cannot be read as an OpenDocument spreadsheet "
                            f"({exc}); save it again with LibreOffice or as .xlsx.") from exc
    if len(layouts) > limits()["max_sheets"]:
        raise _limit_error(file_label, f"sheets: {len(layouts)} > {limits()['max_sheets']}")
    for name, layout in layouts.items():
        _check_extent(layout.height, layout.width, file_label, name, layout.wide_row)
    cells = sum(layout.height * layout.width for layout in layouts.values())
    if cells > limits()["max_cells"]:
        raise _limit_error(file_label, f"cells: {cells} in all sheets together > {limits()['max_cells']} (an "
                           "OpenDocument spreadsheet is read whole)")
    sheets = {}
    with CalamineWorkbook.from_path(path) as book:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            if meta.name not in layouts:     # never read a sheet whose area was not counted
                raise FileError("unreadable_workbook", f"{file_label}: sheet {meta.name!r} is not in the "
                                "spreadsheet's content.xml as named; it was not read.")
            texts = [_texts(values, False) for values in
                     book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)]
            for run in layouts[meta.name].errors:
                for cells in texts[run.first_row - 1:run.first_row - 1 + run.rows]:
                    for column in range(run.first_column, min(run.last_column, len(cells)) + 1):
                        cells[column - 1] = run.text
            sheets[meta.name] = [(n, _trimmed(cells)) for n, cells in enumerate(texts, start=1)]
    return sheets


def _trimmed(cells: list[str]) -> list[str]:
    """A row ends at its last cell with a value, as it did when read with openpyxl."""
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _texts(values: list, escapes: bool) -> list[str]:
    """`cell_text` of each cell of a row, text and numbers (nearly every cell) first: a workbook such as the IMF's
    WEO holds half a million cells, and this loop is most of the time it takes to read. With `escapes`, the control
    characters that Excel stores escaped ('_x001D_') stay escaped, as they were always read (calamine decodes them;
    a tab and a line break are stored as such and stay)."""
    texts = []
    for value in values:
        kind = value.__class__
        if kind is str:
            texts.append((value.translate(_ESCAPES) if escapes and _CONTROL.search(value) else value).strip())
        elif kind is float:
            texts.append(_float_text(value))
        else:
            texts.append(cell_text(value))
    return texts


_ESCAPES = {code: f"_x{code:04X}_" for code in [*range(0x00, 0x09), *range(0x0B, 0x20)]}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")     # the characters _ESCAPES escapes


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """{sheet name: its XML part in the archive}, from the workbook part and its relationships."""
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in relations.iterfind(f"{{{_PACKAGE}}}Relationship")}
    parts = {}
    for sheet in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{{{_MAIN}}}sheet"):
        target = targets[sheet.get(f"{{{_OFFICE}}}id")]
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
    return parts


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(rb'\sr="([A-Za-z]+)([0-9]+)"')   # a cell's r attribute: only cells have letters in it
_ROW_REF = re.compile(rb'\sr="([0-9]+)"')               # a row's r attribute
_FIRST_CELL_REF = re.compile(rb'<c r="([A-Z]+)([0-9]+)"')   # as Excel and openpyxl write them: found much faster
_FIRST_ROW_REF = re.compile(rb'<row r="([0-9]+)"')
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:c|row)[\s/>]")
_ERROR_CELL = re.compile(rb'<c\s[^>]*\bt="e"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>')


class _SheetLayout(NamedTuple):
    """What a sheet's XML says of its used area, found without parsing it: the last row and column used, the first
    row with a cell past the column limit, and the error cells {(row, column): text} that calamine reads as empty."""
    height: int
    width: int
    wide_row: int | None
    errors: dict[tuple[int, int], str]


def _scan_sheet(xml: bytes) -> _SheetLayout:
    """Every cell and row element whose `r` is not its first attribute (or is missing, or is written with a namespace
    prefix: '<x:c ...>') may take the next position: each counts as one more row and column, the most it can add, and
    every `r` attribute, wherever it stands, counts for the last row and column."""
    elements = sum(xml.count(tag) for tag in (b"<c ", b"<c>", b"<c/>", b"<row ", b"<row>", b"<row/>"))
    if b":c" in xml or b":row" in xml:
        elements += len(_PREFIXED.findall(xml))
    cell_refs, row_refs = _FIRST_CELL_REF.findall(xml), _FIRST_ROW_REF.findall(xml)
    others = max(elements - len(cell_refs) - len(row_refs), 0)
    if others:
        cell_refs, row_refs = _CELL_REF.findall(xml), _ROW_REF.findall(xml)
    columns = {text: _column_number(text) for text in set(map(itemgetter(0), cell_refs))}
    height = max(map(int, set(map(itemgetter(1), cell_refs)) | set(row_refs)), default=0) + others
    width = max(columns.values(), default=0) + others
    wide = limits()["max_columns"]
    wide_row = next((int(r) for c, r in cell_refs if columns[c] > wide), None) if width > wide else None
    errors = {}
    if b't="e"' in xml:
        for match in _ERROR_CELL.finditer(xml):
            if ref := _CELL_REF.search(match.group(0)):
                errors[(int(ref.group(2)), _column_number(ref.group(1)))] = match.group(1).decode().strip()
    return _SheetLayout(height, width, wide_row, errors)


def _column_number(letters: bytes) -> int:
    """b'A' -> 1, b'Z' -> 26, b'AA' -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def csv_rows(path: Path, file_label: str) -> tuple[list[Row], list[dict]]:
    """A CSV export of one sheet: physical line n is sheet row n. Lines that are not UTF-8 come back as problems. The
    delimiter is the one among DELIMITERS that splits the lines into the most cells in all (a comma first when two do
    as well; a note holding semicolons does not outweigh a table's rows): a spreadsheet saves with a semicolon or a
    tab in some locales, and the table is read the same."""
    lines, problems = decode_lines(path, file_label)
    cells = {d: sum(len(next(csv.reader([text], delimiter=d), [])) for _, text in lines) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: cells[d])     # max keeps the first of equals: the comma
    return [(n, [c.strip() for c in next(csv.reader([text], delimiter=delimiter))] if text.strip() else [])
            for n, text in lines], problems


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
