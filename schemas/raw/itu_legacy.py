"""Raw model: ITU legacy country-name CSV (country, indicator, year, value), values as typed.

Blank values are split off before validation (they are excluded, not errors); unknown economy names are caught
when names are mapped to ISO3, not here.
"""
import pandera.pandas as pa
from pandera.typing import Series

from schemas import reference as ref
from schemas.checks import in_codes, not_blank, rule
from schemas.raw._columns import number, year


class ItuLegacyRaw(year("year"), number("value")):
    country: Series[str]
    indicator: Series[str]
    line: Series[int]

    @pa.check("country", **rule("missing_code"))
    def _country(cls, s):
        return not_blank(s)

    @pa.check("indicator", **rule("unknown_source_code"))
    def _indicator(cls, s):
        return in_codes(s, ref.source_code_map("itu_legacy"))

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_legacy_names_csv"}
