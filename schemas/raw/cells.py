"""Raw model for one value cell of a wide grid (a year column, a sex/area column), text as typed.

Wide formats validate in two steps: the line's own columns (economy, year, codes) with the format's line model, then
each value cell with this model, so a bad cell holds back that cell only and names its column.
"""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.checks import number_ok, rule


class ValueCellRaw(pa.DataFrameModel):
    value: Series[str]
    header: Series[str]    # the cell's own column label, e.g. '2019' or 'urban male'
    line: Series[int]

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
        metadata = {"layer": "raw", "format": "value cell of a wide grid"}
