"""Raw model: UN E-Government Survey Data Center CSV, one economy line per survey edition, named without a code.

The line's own columns are checked here (the survey year, a name); each index and rank cell is checked with
schemas.raw.cells.ValueCellRaw. Names are mapped to ISO3 afterwards (an unmatched name is `unknown_economy`).
"""

from schemas.raw._columns import present, year


class UnEgovLineRaw(year("Survey Year"), present("Country Name")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "un_egov_survey_csv"}
