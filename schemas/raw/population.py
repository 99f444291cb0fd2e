"""Raw model: long population CSV (Country Name, Country Code, Year, Value), as in World Bank/datasets."""
from schemas.checks import not_blank
from schemas.raw._columns import column, number, present, year


class PopulationRaw(column("Value", missing_value=not_blank), present("Country Code"), year("Year"), number("Value")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "population_long_csv"}
