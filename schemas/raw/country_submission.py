"""Raw model: one row of an indicator sheet of the country submission workbook (its own columns, before the years).

Blank sex/age/urbanisation/breakdown mean total and a blank economy means the About sheet's economy: the adapter
fills those defaults in before validation. Each year cell is then checked with schemas.raw.cells.ValueCellRaw.
"""
import pandera.pandas as pa
from pandera.typing import Series

from schemas import reference as ref
from schemas.checks import in_codes, matches, not_blank, rule
from schemas.staged import AGE_PATTERN, BREAKDOWN_PATTERN


class SubmissionRowRaw(pa.DataFrameModel):
    economy: Series[str]
    series: Series[str]
    sex: Series[str]
    age: Series[str]
    urbanisation: Series[str]
    breakdown: Series[str]
    estimate: Series[str]
    line: Series[int]

    @pa.check("economy", **rule("missing_code"))
    def _economy(cls, s):
        return not_blank(s)

    @pa.check("series", **rule("missing_code"))
    def _series_present(cls, s):
        return not_blank(s)

    @pa.check("series", **rule("unknown_series"))
    def _series(cls, s):
        return ~not_blank(s) | in_codes(s, ref.series_catalogue().index)

    @pa.check("sex", **rule("unknown_code"))
    def _sex(cls, s):
        return in_codes(s, ref.codes("SEX"))

    @pa.check("age", **rule("unknown_code"))
    def _age(cls, s):
        return matches(s, AGE_PATTERN)

    @pa.check("urbanisation", **rule("unknown_code"))
    def _urbanisation(cls, s):
        return in_codes(s, ref.codes("URBANISATION"))

    @pa.check("breakdown", **rule("unknown_code"))
    def _breakdown(cls, s):
        return matches(s, BREAKDOWN_PATTERN)

    @pa.check("estimate", **rule("unknown_code"))
    def _estimate(cls, s):
        return in_codes(s, ["Y", "N", ""])

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "country_submission_xlsx"}
