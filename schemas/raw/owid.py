"""Raw model: Our World in Data grapher CSV (Entity, Code, Year, <value column>), one observation per line.

The value column's name is the series (mapped in source_codes.csv, system owid), so the adapter validates it as
`value` and reports a problem under its real name (pipelines.ingest._excel.validate_cells).
"""

from schemas.raw._columns import number, year


class OwidRaw(year("Year"), number("value")):
    header: str
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "owid_grapher_csv"}
