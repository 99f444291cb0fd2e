"""Raw model: ITU DataHub bulk CSV, one observation per line (seriesCode, entityIso, dataYear, dataValue...).

The unit is known from seriesCode alone (mapped in source_codes.csv, system itu_datahub); seriesUnits is not
checked because real downloads label every series of a file with the same, often wrong, unit.
"""

from schemas.raw._columns import number, source_code, year


class ItuDatahubRaw(source_code("seriesCode", "itu_datahub"), year("dataYear"), number("dataValue")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_datahub_csv"}
