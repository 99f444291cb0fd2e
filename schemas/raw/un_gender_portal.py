"""Raw model: UNSD gender-portal extract (SDG database values by sex), one observation per line, codes as typed.

SEX is already SDMX (_T/F/M); ICT_SKILL uses the SDG API's legacy skill codes (CMFL...); AGE must map to an SDMX
age code ('_X', not specified, does not); UNIT_MEASURE (PT = percent) must be the catalogue unit of the series; the
skills indicator (breakdown '*' in source_codes.csv) must carry its skill code.
"""

from schemas import reference as ref
from schemas.raw._columns import age, breakdown_given, code, number, source_code, unit_of_series, year

SYSTEM = "sdg_gender"


class UnGenderPortalRaw(source_code("INDICATOR_LABEL", SYSTEM), year("TIME_PERIOD"), number("OBS_VALUE"),
                        code("SEX", lambda: ref.codes("SEX")), age("AGE"), code("NATURE", lambda: ref.codes("NATURE")),
                        code("ICT_SKILL", lambda: ref.legacy_code_map("SKILL"), blank_ok=True),
                        unit_of_series("INDICATOR_LABEL", SYSTEM, "UNIT_MEASURE"),
                        breakdown_given("INDICATOR_LABEL", SYSTEM, "ICT_SKILL")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "un_gender_portal_tsv"}


RULE_COLUMNS = {"unit_mismatch": "UNIT_MEASURE", "missing_code": "ICT_SKILL"}
