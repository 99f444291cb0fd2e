"""Every CSV the project writes goes through here, so no cell can run as a formula when the file is opened in a
spreadsheet (CSV injection, OWASP): a text cell starting with '=', '+', '-', '@', a tab or a carriage return gets a
leading single quote. Numbers are never changed, whether stored as numbers or as text ('-3.5' stays '-3.5').

The quote stays in the file: whoever reads the CSV as data (UNSD receiving the SDMX-CSV; docs/methodology.md) sees
it. A carriage return inside a text cell becomes a line feed: the CSV writer quotes cells holding line feeds but not
lone carriage returns, which spreadsheets and CSV readers take as the end of a row.
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from schemas.values import PLAIN_NUMBER

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """One cell: a text a spreadsheet would read as a formula gets a leading quote; anything else is returned as is."""
    if not isinstance(value, str):
        return value
    if value.startswith(TRIGGERS) and not PLAIN_NUMBER.match(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _neutralised(column: pd.Series) -> pd.Series:
    """A text column with `neutralise` applied to the cells it would change (a trigger first, or a carriage return):
    found by vectorised string tests, so a large export (the SDMX-CSV) does not call it on every cell."""
    try:
        risky = column.str.startswith(TRIGGERS) | column.str.contains("\r", regex=False)
    except AttributeError:   # an object column holding no text at all
        return column
    risky = risky.fillna(False).astype(bool)
    if not risky.any():
        return column
    out = column.copy()
    out[risky] = column[risky].map(neutralise)
    return out.astype(column.dtype)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text column (and a text index) neutralised; numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype):
            out[column] = _neutralised(out[column])
    if out.index.dtype == object or isinstance(out.index.dtype, pd.StringDtype):
        out.index = out.index.map(neutralise)
    return out


def write_csv(frame: pd.DataFrame, path: Path, **to_csv) -> None:
    """`DataFrame.to_csv` of the neutralised frame (same keyword arguments)."""
    safe_frame(frame).to_csv(path, **to_csv)


def to_csv_bytes(frame: pd.DataFrame, **to_csv) -> bytes:
    """The neutralised frame as UTF-8 CSV bytes ('\\n' line ends, no index unless asked)."""
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, **{"index": False, "lineterminator": "\n", **to_csv})
    return buffer.getvalue().encode("utf-8")
