"""Validating a wide grid (many value cells per line) in records, the unit staging accounts in.

Shared by the spreadsheet-born adapters: the ITU Excel table (nine sex/area cells per economy line) and the country
submission workbook (one cell per year). A problem with the line itself holds the line back as one record; otherwise
every value cell is a record of its own, so one bad cell does not hold back the good ones beside it.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from pipelines.core.canonical import concat_quarantine
from pipelines.ingest._common import exclude_missing
from pipelines.ingest._excel import validate_cells
from schemas.raw.cells import ValueCellRaw
from schemas.validation import split_valid

Locate = Callable[["pd.DataFrame"], "tuple[pd.DataFrame, pd.DataFrame]"]   # quoted: pandas loads on first use


def wide_records(lines: pd.DataFrame, cells: pd.DataFrame, line_model: type, file_label: str,
                 locate: Locate) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(good cells joined with their line's columns and `ref_area`, quarantine, records read).

    `lines` holds each line's own columns (economy, year, codes) and `line`; `cells` one row per non-empty value cell
    (`line`, `header`, `value`). A line-level problem (a rule of `line_model`, or an economy `locate` cannot place)
    holds back the whole line as one record; a line without cells is not a record. Each cell of a good line is
    staged, excluded when it holds a missing marker ('...'), or quarantined naming its own column.
    """
    lines = lines[lines["line"].isin(cells["line"])]
    valid_lines, bad_lines = split_valid(lines, line_model, file_label=file_label)
    located, unknown = locate(valid_lines)
    cells = cells[cells["line"].isin(located["line"])]
    present, missing = exclude_missing(cells, "value", file_label, label_column="header")
    valid, bad_cells = validate_cells(present, ValueCellRaw, file_label)
    records = valid.merge(located, on="line", validate="many_to_one")
    return (records, concat_quarantine(bad_lines, unknown, missing, bad_cells),
            len(lines) - len(located) + len(cells))
