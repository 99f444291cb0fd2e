"""Raw model: UNDP Human Development Report composite indices time series CSV, one line per economy.

The line's own column (iso3) is checked here; each mean-years-of-schooling cell with schemas.raw.cells.ValueCellRaw.
"""

from schemas.raw._columns import present


class UndpHdrLineRaw(present("iso3")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "undp_hdr_composite_csv"}
