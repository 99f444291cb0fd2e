"""Raw model: UN SDG Global Database legacy API CSV, one observation per line, legacy dimension codes as typed.

Sex (BOTHSEX/FEMALE/MALE), Location (URBAN/RURAL/ALLAREA), skill (CMFL, COPA...) and speed (ANYS, 10MBPS...) must
be legacy codes of codelists.csv; age must map to an SDMX age code; Units must be the catalogue unit of the series;
a series broken down by skill or speed (source_codes.csv breakdown '*') must carry its skill or speed code.
"""
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipelines.core import reference as ref
from schemas.checks import not_blank, rule
from schemas.raw._columns import age, code, number, source_code, year

SYSTEM = "sdg"


def _series(codes: pd.Series) -> pd.Series:
    return codes.map(lambda c: ref.source_code_map(SYSTEM).get(c, (None, None))[0])


class UnSdgApiRaw(source_code("SeriesCode", SYSTEM), year("TimePeriod"), number("Value"),
                  code("Sex", lambda: ref.legacy_code_map("SEX")), age("Age"),
                  code("Location", lambda: ref.legacy_code_map("URBANISATION"), blank_ok=True),
                  code("Nature", lambda: ref.codes("NATURE"), blank_ok=True),
                  code("Type of skill", lambda: ref.legacy_code_map("SKILL"), blank_ok=True),
                  code("Type of speed", lambda: ref.legacy_code_map("SPEED"), blank_ok=True)):
    units: Series[str] = pa.Field(alias="Units")
    line: Series[int]

    @pa.dataframe_check(**rule("unit_mismatch"))
    def _unit(cls, df):
        expected = _series(df["SeriesCode"]).map(ref.series_catalogue()["unit_measure"])
        return (expected.isna() | (df["Units"].str.strip() == expected)).astype(bool)

    @pa.dataframe_check(**rule("missing_code"))
    def _breakdown(cls, df):
        needs = df["SeriesCode"].map(lambda c: ref.source_code_map(SYSTEM).get(c, (None, None))[1] == "*")
        return (~needs | not_blank(df["Type of skill"]) | not_blank(df["Type of speed"])).astype(bool)

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "un_sdg_api_csv"}


RULE_COLUMNS = {"unit_mismatch": "Units", "missing_code": "Type of skill"}
