"""IMF World Economic Outlook database, by-country file, as an .xlsx workbook (e.g. WEOOct2023all.xlsx): one sheet,
a header ("WEO Country Code", "ISO", "WEO Subject Code", "Country", ..., one column per year, "Estimates Start
After"), one line per economy and subject, then a blank row and a footer line naming the database.

The IMF distributes the file as "WEO<Mon><Year>all.xls", which is really tab-delimited text (UTF-16 LE since October
2020, Latin-1 before), with numbers written with thousands separators ("16,790.37"); that file is read as the
workbook is, every comma in a year cell being a thousands separator (the IMF writes decimals with a point). It is
the one text file read in UTF-16: every other format refuses it (pipelines/core/parsing.py).

Read whole (the database is ~8,600 lines x 59 columns, 17 MB of sheet XML). Only the subjects
mapped in pipelines/reference/source_codes.csv (system imf_weo: PPPEX, the implied PPP conversion rate) are staged;
values after the line's "Estimates Start After" year are IMF projections, staged with nature E and a note. "n/a" and
"--" mean missing.

Counting convention: a line of a subject not staged is one record, excluded with rule `subject_not_staged` naming the
subject. For a staged subject (wide, like the WDI file), a record is one year cell that holds a value; "n/a", "--"
and empty cells are not records. A problem that holds back a whole staged line (no ISO code, unknown economy, a bad
"Estimates Start After") is one record. The blank row and the footer line are not records (the footer becomes a
note).
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.core.canonical import (AdapterResult, FileError, concat_quarantine, observations_frame,
                                      quarantine_frame, quarantine_row)
from pipelines.ingest._common import canonical_rows, first_row, resolve_areas, value_cells
from pipelines.ingest._excel import CELL_WORKBOOKS, Row, cell_at, validate_cells, workbook_sheets
from schemas import reference as ref
from schemas.raw.cells import ValueCellRaw
from schemas.raw.imf_weo import WeoLineRaw
from schemas.validation import split_valid
from schemas.values import parse_year

FORMAT = "imf_weo_xlsx"
DESCRIPTION = ("IMF World Economic Outlook database, by-country .xlsx, or the IMF's own tab-delimited .xls (implied PPP "
               "conversion rate PPPEX)")
ORIGIN = "IMF World Economic Outlook"
SYSTEM = "imf_weo"
ID_COLUMNS = ["WEO Country Code", "ISO", "WEO Subject Code", "Country", "Subject Descriptor"]
ESTIMATES = "Estimates Start After"
MISSING = ("n/a", "--")


def detect(path: Path, head: bytes) -> bool:
    if _text_export(path, head):
        return next(csv.reader([_decoded(head).split("\n", 1)[0]], delimiter="\t"), [])[:5] == ID_COLUMNS
    return path.suffix.lower() in CELL_WORKBOOKS and first_row(path, head)[:5] == ID_COLUMNS


def read(path: Path, file_label: str) -> AdapterResult:
    header, body, footer = _stream(path, file_label)
    years = [h for h in header if parse_year(h) is not None]
    staged = ref.source_code_map(SYSTEM)
    column = {h: i for i, h in enumerate(header)}   # a repeated label: its last column, as a dict of the line gives
    wanted = [cell_at(cells, column["WEO Subject Code"]) in staged for _, cells in body]
    excluded = _not_staged([row for row, w in zip(body, wanted) if not w], column, file_label)
    lines = _frame(header, [(n, row) for n, (row, w) in enumerate(zip(body, wanted)) if w])
    valid, bad = split_valid(lines, WeoLineRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, "ISO", file_label)
    blanked = located.assign(**{y: located[y].mask(located[y].isin(MISSING), "") for y in years})
    cells = value_cells(blanked, years)
    good, bad_cells = validate_cells(cells, ValueCellRaw, file_label)
    after = good[ESTIMATES].map(parse_year)
    projected = after.notna() & (good["header"].map(parse_year) > after)
    note = pd.Series(np.where(projected, "IMF projection (the WEO's estimates start after " +
                              after.astype("Int64").astype("string") + ")", None), index=good.index)
    obs = canonical_rows(good, series=good["WEO Subject Code"].map(lambda c: staged[c][0]), value_column="value",
                         year_column="header", source=f"{ORIGIN} ({path.stem})",
                         nature=pd.Series(np.where(projected, "E", "C"), index=good.index),
                         note=note, source_code=good["WEO Subject Code"], file_label=file_label)
    line_problems = concat_quarantine(excluded, bad, unknown)
    return AdapterResult(observations_frame(obs), concat_quarantine(line_problems, bad_cells),
                         rows_read=len(line_problems) + len(cells), notes=[f"footer: {footer}"] if footer else [])


OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")   # how a real .xls workbook begins


def _text_export(path: Path, head: bytes) -> bool:
    """An .xls that is not a workbook: the IMF's text export (`head`: the file's first bytes)."""
    return path.suffix.lower() == ".xls" and not head.startswith(OLE2)


def _decoded(raw: bytes) -> str:
    """The IMF's text export: UTF-16 LE (with or without its byte order mark) since October 2020, Latin-1 before."""
    if raw.startswith(b"\xff\xfe") or raw[1:2] == b"\x00":
        return raw.decode("utf-16-le", errors="replace").lstrip("\ufeff")
    return raw.decode("cp1252", errors="replace")


def _text_rows(path: Path) -> list[Row]:
    """The tab-delimited lines of the IMF's .xls export, numbered from 1, with thousands separators taken out of the
    year cells (from the tenth column on: every comma there is one)."""
    lines = _decoded(path.read_bytes()).replace("\r\n", "\n").split("\n")
    rows = [(n, [c.strip() for c in cells]) for n, cells in enumerate(csv.reader(lines, delimiter="\t"), start=1)]
    return [(n, cells[:9] + [c.replace(",", "") for c in cells[9:]]) for n, cells in rows]


def _stream(path: Path, file_label: str) -> tuple[list[str], list[Row], str]:
    """(header labels, the non-blank lines under them, the footer text) from the first sheet, or from the lines of the
    IMF's text export."""
    with path.open("rb") as handle:
        text = _text_export(path, handle.read(len(OLE2)))
    rows = _text_rows(path) if text else next(iter(workbook_sheets(path, file_label).values()), [])
    header = rows[0][1] if rows else []
    missing = [c for c in ID_COLUMNS + [ESTIMATES] if c not in header]
    if missing:
        raise FileError("missing_column", f"{file_label} has no column {missing[0]!r} on row 1.",
                        column=missing[0], line=1)
    body, footer = [], ""
    for number, cells in rows[1:]:
        if not any(cells):
            continue
        if not any(cells[1:]):   # only the first cell: the footer naming the database
            footer = cells[0]
            continue
        body.append((number, cells))
    return header, body, footer


def _frame(header: list[str], lines: list[tuple[int, Row]]) -> pd.DataFrame:
    """The lines of staged subjects as text columns named by the header, indexed by their place among all lines."""
    records = [dict(zip(header, cells), line=number) for _, (number, cells) in lines]
    frame = pd.DataFrame(records, columns=[h for h in header if h] + ["line"], index=[i for i, _ in lines])
    return frame.astype("string").astype({"line": "int64"})


def _not_staged(lines: list[Row], column: dict[str, int], file_label: str) -> pd.DataFrame:
    """Lines of subjects the project does not use: one `excluded` record each, naming the subject. Made from the
    cells themselves: the 8,400 lines of other subjects in the WEO file need no 59-column frame."""
    staged = ", ".join(sorted(ref.source_code_map(SYSTEM)))

    def text(cells: list[str], name: str):   # a line cut short has no text there, as in the frame of a line
        return cells[column[name]] if column[name] < len(cells) else pd.NA

    return quarantine_frame([
        quarantine_row(file_label, number, "WEO Subject Code", "subject_not_staged", subject,
                       f"{file_label} line {number}: WEO subject {subject!r} ({text(cells, 'Subject Descriptor')}, "
                       f"{text(cells, 'ISO')}) is not used by the project; only {staged} is staged.",
                       severity="excluded")
        for number, cells in lines for subject in [text(cells, "WEO Subject Code")]])
