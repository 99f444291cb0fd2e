"""Raw model: long population CSV (Country Name, Country Code, Year, Value), as in World Bank/datasets."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.checks import is_year, not_blank, number_ok, rule


class PopulationRaw(pa.DataFrameModel):
    country_code: Series[str] = pa.Field(alias="Country Code")
    year: Series[str] = pa.Field(alias="Year")
    value: Series[str] = pa.Field(alias="Value")
    line: Series[int]

    @pa.check("Country Code", **rule("missing_code"))
    def _code(cls, s):
        return not_blank(s)

    @pa.check("Year", **rule("year_not_integer"))
    def _year(cls, s):
        return is_year(s)

    @pa.check("Value", **rule("thousands_separator"))
    def _thousands(cls, s):
        return number_ok(s, "thousands_separator")

    @pa.check("Value", **rule("comma_decimal"))
    def _comma(cls, s):
        return number_ok(s, "comma_decimal")

    @pa.check("Value", **rule("not_a_number"))
    def _number(cls, s):
        return number_ok(s, "not_a_number")

    @pa.check("Value", **rule("missing_value"))
    def _present(cls, s):
        return not_blank(s)

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "population_long_csv"}
