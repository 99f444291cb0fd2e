"""Raw model: ITU legacy country-name CSV (country, indicator, year, value), values as typed.

Blank values are split off before validation (they are excluded, not errors); unknown economy names are caught
when names are mapped to ISO3, not here.
"""
from schemas import reference as ref
from schemas.checks import in_codes
from schemas.raw._columns import column, number, present, year

# The code as typed, not stripped (unlike _columns.source_code): a code with a space is not mapped to a series either.
_INDICATOR = column("indicator", unknown_source_code=lambda s: in_codes(s, ref.source_code_map("itu_legacy")))
_INDICATOR.texts_pass = lambda texts: set(texts) <= ref.source_code_map("itu_legacy").keys()


class ItuLegacyRaw(present("country"), _INDICATOR, year("year"), number("value")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_legacy_names_csv"}
