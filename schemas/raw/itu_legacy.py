"""Raw model: ITU legacy country-name CSV (country, indicator, year, value), values as typed.

Blank values are split off before validation (they are excluded, not errors); unknown economy names are caught
when names are mapped to ISO3, not here.
"""
import pandera.pandas as pa
from pandera.typing import Series

from pipelines.core import reference as ref
from schemas.checks import in_codes, is_year, not_blank, number_ok, rule


class ItuLegacyRaw(pa.DataFrameModel):
    country: Series[str]
    indicator: Series[str]
    year: Series[str]
    value: Series[str]
    line: Series[int]

    @pa.check("country", **rule("missing_code"))
    def _country(cls, s):
        return not_blank(s)

    @pa.check("indicator", **rule("unknown_source_code"))
    def _indicator(cls, s):
        return in_codes(s, ref.source_code_map("itu_legacy"))

    @pa.check("year", **rule("year_not_integer"))
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
        metadata = {"layer": "raw", "format": "itu_legacy_names_csv"}
