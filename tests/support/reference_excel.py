"""The .xlsx reader the project used before python-calamine (openpyxl), kept as the reference that
pipelines/ingest/_excel.py must match cell for cell (tests/ingest/test_workbook_reader.py): the texts a statistician
saw in every quarantine record must not change with the reader. (.xls files are still read with xlrd.)"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipelines.ingest._excel import Row


def _seen_text(value: object) -> str:
    """A cell as openpyxl's reader showed it (pipelines/ingest/_excel.py `cell_text` before calamine, kept here so
    that the reference does not move with the code it checks)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def reference_sheets(path: Path) -> dict[str, list[Row]]:
    """Every worksheet of an .xlsx workbook, in workbook order, as text rows numbered from 1, read with openpyxl in
    read-only mode (cached values of formulas); the rows a sheet skips come back empty."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = {}
        for ws in book.worksheets:
            ws.reset_dimensions()
            sheets[ws.title] = [(n, [_seen_text(v) for v in row])
                                for n, row in enumerate(ws.iter_rows(values_only=True), start=1)]
        return sheets
    finally:
        book.close()


def trimmed(sheets: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """Rows without their trailing empty cells, sheets without their trailing empty rows: openpyxl ends a row at its
    last stored cell (a formatted empty one included) and a sheet at its last stored row, calamine at the used area."""
    out = {}
    for name, rows in sheets.items():
        cut = [(n, _rstrip(cells)) for n, cells in rows]
        while cut and not cut[-1][1]:
            cut.pop()
        out[name] = cut
    return out


def _rstrip(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]
