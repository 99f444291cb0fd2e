"""Raw model: one economy line of a World Bank DataBank wide download (Country Name, Country Code, then one column
per series, sex and year such as "... female  (% age 15+) [g20.t.2] - 2014 [YR2014]").

The line itself only has to carry a code (mapped afterwards); its value cells are checked one by one with
schemas.raw.cells.ValueCellRaw, and the column labels are parsed by the adapter.
"""

from schemas.raw._columns import present


class WbDatabankRaw(present("Country Code")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "wb_databank_csv"}
