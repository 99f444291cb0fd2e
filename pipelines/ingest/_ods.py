"""What an OpenDocument spreadsheet's content.xml says of each sheet's used area, read before python-calamine opens it.

A sheet of LibreOffice or Google Sheets (.ods) states repeated rows and cells as counts (number-rows-repeated,
number-columns-repeated), and calamine expands every sheet as it opens the file: a few bytes can declare billions of
cells. Counting them first, without expanding them, lets _excel refuse a runaway sheet as it refuses one of an .xlsx.
The count errs on the side of more: a cell with any value attribute, a formula or content is used. A document that
names the ODF namespaces with other prefixes, or nests a table in a cell, is refused: calamine reads elements by
their literal names, and its count and this one must agree.

Error cells are kept as runs: LibreOffice marks them calcext:value-type="error" with the error's text, and calamine
reads their cached number instead (0 for '#DIV/0!'), which would turn a bad cell into a value.
"""
from __future__ import annotations

from typing import IO, NamedTuple
from xml.etree import ElementTree

NAMESPACES = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
              "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
              "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
              "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"}
_TABLE, _OFFICE = f"{{{NAMESPACES['table']}}}", f"{{{NAMESPACES['office']}}}"
_CALCEXT = f"{{{NAMESPACES['calcext']}}}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


class OdsSheetError(ValueError):
    """content.xml names its elements so that calamine and this count could disagree."""


class ErrorRun(NamedTuple):
    """Error cells with one text: rows first_row.. (rows of them), columns first_column..last_column."""
    first_row: int
    rows: int
    first_column: int
    last_column: int
    text: str


class OdsLayout(NamedTuple):
    """A sheet's last used row and column (repeats counted), the first row with a used cell past `wide` columns, and
    its error cells."""
    height: int
    width: int
    wide_row: int | None
    errors: list[ErrorRun]


def ods_layouts(content: IO[bytes], wide: int) -> dict[str, OdsLayout]:
    """{sheet name: OdsLayout} of a content.xml stream, in sheet order. Raises OdsSheetError (see the module)."""
    layouts: dict[str, OdsLayout] = {}
    sheet: dict | None = None
    row_errors: list[tuple[int, int, str]] = []
    column = used = 0
    for event, item in ElementTree.iterparse(content, events=("start-ns", "start", "end")):
        if event == "start-ns":
            _check_prefix(*item)
            continue
        tag = item.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                if sheet is not None:
                    raise OdsSheetError("a table inside a sheet's cell")
                sheet = {"name": item.get(f"{_TABLE}name", ""), "row": 0, "height": 0, "width": 0, "wide_row": None,
                         "errors": []}
            elif tag == f"{_TABLE}table-row":
                column, used, row_errors = 0, 0, []
            continue
        if tag in _CELLS:
            first, column = column + 1, column + int(item.get(f"{_TABLE}number-columns-repeated", "1"))
            if _used(item):
                used = column
            if item.get(f"{_CALCEXT}value-type") == "error":
                row_errors.append((first, column, " ".join("".join(item.itertext()).split())))
            item.clear()
        elif tag == f"{_TABLE}table-row" and sheet is not None:
            repeated = int(item.get(f"{_TABLE}number-rows-repeated", "1"))
            if used:
                sheet["height"], sheet["width"] = sheet["row"] + repeated, max(sheet["width"], used)
                if used > wide and sheet["wide_row"] is None:
                    sheet["wide_row"] = sheet["row"] + 1
            sheet["errors"] += [ErrorRun(sheet["row"] + 1, repeated, a, b, text) for a, b, text in row_errors]
            sheet["row"] += repeated
            item.clear()
        elif tag == f"{_TABLE}table" and sheet is not None:
            layouts[sheet["name"]] = OdsLayout(sheet["height"], sheet["width"], sheet["wide_row"], sheet["errors"])
            sheet = None
            item.clear()
    return layouts


def _used(cell: ElementTree.Element) -> bool:
    """A cell calamine may give a value: any office: attribute (a value, its type), a formula, or content."""
    return (len(cell) > 0 or bool((cell.text or "").strip()) or f"{_TABLE}formula" in cell.attrib
            or any(name.startswith(_OFFICE) for name in cell.attrib))


def _check_prefix(prefix: str, uri: str) -> None:
    """An ODF namespace under another prefix, or its prefix bound to another namespace, is refused."""
    if NAMESPACES.get(prefix, uri) != uri or (uri in NAMESPACES.values() and NAMESPACES.get(prefix) != uri):
        raise OdsSheetError(f"the prefix {prefix!r} is bound to {uri!r}, not as OpenDocument writes it")
