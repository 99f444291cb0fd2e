"""Raw models for the World Bank WDI bulk download ("API_<indicator>_DS2" bundle): the wide data file's economy
lines (their value cells are checked with schemas.raw.cells.ValueCellRaw), and the two metadata files.
"""

from schemas import reference as ref
from schemas.raw._columns import code, present, source_code


def income_labels() -> dict[str, str]:
    """{'Low income': 'LIC', ...}: the World Bank's income-group names and their codes (codelists.csv WB_INCOME)."""
    return ref.code_for_label("WB_INCOME")


class WdiLineRaw(source_code("Indicator Code", "wdi")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "wdi_wide_csv"}


class WdiCountryRaw(code("IncomeGroup", income_labels, blank_ok=True)):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "wdi_country_metadata"}


class WdiIndicatorRaw(present("INDICATOR_CODE")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "wdi_indicator_metadata"}
