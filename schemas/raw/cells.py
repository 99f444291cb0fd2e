"""Raw model for one value cell of a wide grid (a year column, a sex/area column), text as typed.

Wide formats validate in two steps: the line's own columns (economy, year, codes) with the format's line model, then
each value cell with this model, so a bad cell holds back that cell only and names its column.
"""

from schemas.raw._columns import number


class ValueCellRaw(number("value")):
    header: str    # the cell's own column label, e.g. '2019' or 'urban male'
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "value cell of a wide grid"}
