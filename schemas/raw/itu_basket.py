"""Raw models: one line of an ITU price-basket or bandwidth extract (country ISO3, year, series_code).

The series_code must be mapped in source_codes.csv (system itu_basket_workbook for the price files,
itu_bandwidth_workbook for the bandwidth file); the measure cells of the line are checked one by one with
schemas.raw.cells.ValueCellRaw.
"""

from schemas.raw._columns import present, source_code, year


class BasketPriceRaw(source_code("series_code", "itu_basket_workbook"), year("year")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_basket_workbook (price)"}


class BandwidthRaw(source_code("series_code", "itu_bandwidth_workbook"), year("year")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_basket_workbook (bandwidth)"}


class BasketCatalogueRaw(present("code_prefix")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_basket_catalogue_csv"}
