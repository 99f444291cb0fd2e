"""Raw model for an economy line of the IMF World Economic Outlook database (by-country file) whose subject is
staged: the ISO code is present and "Estimates Start After" is a year or empty. Its year cells are checked with
schemas.raw.cells.ValueCellRaw."""

from schemas.checks import is_year
from schemas.raw._columns import column, present


class WeoLineRaw(present("ISO"),
                 column("Estimates Start After", year_not_integer=lambda s: is_year(s) | (s.fillna("") == ""))):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "imf_weo_xlsx"}
