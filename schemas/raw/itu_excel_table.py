"""Raw model: one economy line of the ITU Excel table (economy name, latest year), text as typed.

Its nine value cells are checked one by one with schemas.raw.cells.ValueCellRaw; '...' cells (not available) are
split off before that, and economy names are mapped to ISO3 after this model.
"""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.checks import is_year, not_blank, rule


class ItuExcelTableRaw(pa.DataFrameModel):
    economy: Series[str] = pa.Field(alias="Economy name")
    year: Series[str] = pa.Field(alias="Latest year")
    line: Series[int]

    @pa.check("Economy name", **rule("missing_code"))
    def _economy(cls, s):
        return not_blank(s)

    @pa.check("Latest year", **rule("year_not_integer"))
    def _year(cls, s):
        return is_year(s)

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_excel_table"}
