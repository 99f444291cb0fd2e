"""Raw model: ITU Excel table by economy name, one record per value cell (economy, latest year, value, header).

'...' cells (not available) are split off before validation; economy names are mapped to ISO3 afterwards.
"""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.checks import is_year, not_blank, number_ok, rule


class ItuExcelTableRaw(pa.DataFrameModel):
    economy: Series[str] = pa.Field(alias="Economy name")
    year: Series[str] = pa.Field(alias="Latest year")
    value: Series[str]
    header: Series[str]
    line: Series[int]

    @pa.check("Economy name", **rule("missing_code"))
    def _economy(cls, s):
        return not_blank(s)

    @pa.check("Latest year", **rule("year_not_integer"))
    def _year(cls, s):
        return is_year(s)

    @pa.check("value", **rule("thousands_separator"))
    def _thousands(cls, s):
        return number_ok(s, "thousands_separator")

    @pa.check("value", **rule("comma_decimal"))
    def _comma(cls, s):
        return number_ok(s, "comma_decimal")

    @pa.check("value", **rule("not_a_number"))
    def _number(cls, s):
        return number_ok(s, "not_a_number")

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_excel_table"}
