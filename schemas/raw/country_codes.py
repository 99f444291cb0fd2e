"""Raw models for economy code lists: datasets/country-codes (UN M49, ISO 3166, LDC/LLDC/SIDS flags, ITU codes) and
the Open Data Watch 2021 code list (M49 plus World Bank income group, lending category and region).
"""

from schemas import reference as ref
from schemas.checks import matches, not_blank
from schemas.raw._columns import code, column

FLAG = "x"   # datasets/country-codes marks LDC, LLDC and SIDS members with 'x'


def _m49(name: str):
    """An M49 number has one to three digits ('4', '004'); ODW writes '..' where there is none."""
    return column(name, not_a_number=lambda s: matches(s.str.strip(), r"\d{1,3}") | ~not_blank(s))


class M49CountryCodesRaw(_m49("M49"), code("Least Developed Countries (LDC)", {FLAG}.copy, blank_ok=True),
                         code("Land Locked Developing Countries (LLDC)", {FLAG}.copy, blank_ok=True),
                         code("Small Island Developing States (SIDS)", {FLAG}.copy, blank_ok=True)):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "m49_country_codes"}


class OdwCountryCodesRaw(_m49("UN M49 Code"), code("World Bank Income Group Code (July 2020)",
                                                    lambda: ref.codes("WB_INCOME"), blank_ok=True)):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "odw_country_codes"}
