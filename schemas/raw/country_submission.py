"""Raw model: one row of an indicator sheet of the country submission workbook (its own columns, before the years).

Blank sex/age/urbanisation/breakdown mean total and a blank economy means the About sheet's economy: the adapter
fills those defaults in before validation. Each year cell is then checked with schemas.raw.cells.ValueCellRaw.
"""
from schemas import reference as ref
from schemas.checks import in_codes, matches, not_blank
from schemas.codelists import AGE_PATTERN, BREAKDOWN_PATTERN
from schemas.raw._columns import column


class SubmissionRowRaw(column("economy", missing_code=not_blank),
                       column("series", missing_code=not_blank,
                              unknown_series=lambda s: ~not_blank(s) | in_codes(s, ref.series_catalogue().index)),
                       column("sex", unknown_code=lambda s: in_codes(s, ref.codes("SEX"))),
                       column("age", unknown_code=lambda s: matches(s, AGE_PATTERN)),
                       column("urbanisation", unknown_code=lambda s: in_codes(s, ref.codes("URBANISATION"))),
                       column("breakdown", unknown_code=lambda s: matches(s, BREAKDOWN_PATTERN)),
                       column("estimate", unknown_code=lambda s: in_codes(s, ["Y", "N", ""]))):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "country_submission_xlsx"}
