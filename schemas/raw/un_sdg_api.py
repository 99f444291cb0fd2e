"""Raw model: UN SDG Global Database legacy API CSV, one observation per line, legacy dimension codes as typed.

Sex (BOTHSEX/FEMALE/MALE), Location (URBAN/RURAL/ALLAREA), skill (CMFL, COPA...) and speed (ANYS, 10MBPS...) must
be legacy codes of codelists.csv; age must map to an SDMX age code; Units must be the catalogue unit of the series;
a series broken down by skill, speed or education level (source_codes.csv breakdown '*') must carry that code.
"""

from schemas import reference as ref
from schemas.raw._columns import age, breakdown_given, code, number, source_code, unit_of_series, year

SYSTEM = "sdg"


class UnSdgApiRaw(source_code("SeriesCode", SYSTEM), year("TimePeriod"), number("Value"),
                  code("Sex", lambda: ref.legacy_code_map("SEX")), age("Age"),
                  code("Location", lambda: ref.legacy_code_map("URBANISATION"), blank_ok=True),
                  code("Nature", lambda: ref.codes("NATURE"), blank_ok=True),
                  code("Type of skill", lambda: ref.legacy_code_map("SKILL"), blank_ok=True),
                  code("Type of speed", lambda: ref.legacy_code_map("SPEED"), blank_ok=True),
                  code("Education level", lambda: ref.legacy_code_map("EDUCATION_LEV"), blank_ok=True),
                  unit_of_series("SeriesCode", SYSTEM, "Units"),
                  breakdown_given("SeriesCode", SYSTEM, "Type of skill", "Type of speed", "Education level")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "un_sdg_api_csv"}


RULE_COLUMNS = {"unit_mismatch": "Units", "missing_code": "Type of skill"}
