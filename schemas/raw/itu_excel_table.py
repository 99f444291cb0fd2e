"""Raw model: one economy line of the ITU Excel table (economy name, latest year), text as typed.

Its nine value cells are checked one by one with schemas.raw.cells.ValueCellRaw; '...' cells (not available) are
split off before that, and economy names are mapped to ISO3 after this model.
"""
from schemas.checks import is_year, not_blank
from schemas.raw._columns import column


class ItuExcelTableRaw(column("Economy name", missing_code=not_blank), column("Latest year", year_not_integer=is_year)):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_excel_table"}
