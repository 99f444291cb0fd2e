"""Raw model: long population CSV (Country Name, Country Code, Year, Value), as in World Bank/datasets."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas.checks import not_blank, rule
from schemas.raw._columns import number, present, year


class PopulationRaw(present("Country Code"), year("Year"), number("Value")):
    line: Series[int]

    @pa.check("Value", **rule("missing_value"))
    def _present(cls, s):
        return not_blank(s)

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "population_long_csv"}
