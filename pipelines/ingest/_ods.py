"""What an OpenDocument spreadsheet's content.xml says of each sheet's used area, read before python-calamine reads
its cells.

A sheet of LibreOffice or Google Sheets (.ods) states repeated rows and cells as counts (number-rows-repeated,
number-columns-repeated), and calamine expands them as it reads: a few bytes can declare billions of cells. Counting
them first, without expanding them, lets _excel refuse a runaway sheet as it refuses one of an .xlsx. Error cells are
kept too: LibreOffice marks them calcext:value-type="error" with the error's text, and calamine reads their cached
number instead (0 for '#DIV/0!'), which would turn a bad cell into a value.
"""
from __future__ import annotations

from typing import IO, NamedTuple
from xml.etree import ElementTree

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


class OdsLayout(NamedTuple):
    """A sheet's last used row and column (repeats counted), the first row with a used cell past `wide` columns, and
    its error cells {(row, column): text}."""
    height: int
    width: int
    wide_row: int | None
    errors: dict[tuple[int, int], str]


def ods_layouts(content: IO[bytes], wide: int) -> dict[str, OdsLayout]:
    """{sheet name: OdsLayout} of a content.xml stream, in sheet order. A cell is used when it has a value type or
    any content; an empty cell or row, however often repeated, extends nothing."""
    layouts: dict[str, OdsLayout] = {}
    name, row, column, used, height, width, wide_row, errors = "", 0, 0, 0, 0, 0, None, {}
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                name, row, height, width, wide_row, errors = element.get(f"{_TABLE}name", ""), 0, 0, 0, None, {}
            elif tag == f"{_TABLE}table-row":
                column, used = 0, 0
            continue
        if tag in _CELLS:
            first, column = column + 1, column + int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            if element.get(f"{_OFFICE}value-type") is not None or len(element) or (element.text or "").strip():
                used = column
            if element.get(f"{_CALCEXT}value-type") == "error":
                text = " ".join("".join(element.itertext()).split())
                errors.update({(row + 1, c): text for c in range(first, min(column, wide) + 1)})
            element.clear()
        elif tag == f"{_TABLE}table-row":
            repeated = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            if used:
                height, width = row + repeated, max(width, used)
                if used > wide and wide_row is None:
                    wide_row = row + 1
            row += repeated
            element.clear()
        elif tag == f"{_TABLE}table":
            layouts[name] = OdsLayout(height, width, wide_row, errors)
            element.clear()
    return layouts
