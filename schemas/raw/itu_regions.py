"""Raw models for ITU's region files: the economies list of ITU's ICT Price Baskets workbook (ITU region, World Bank
income group and LDC/LLDC/SIDS flags per economy) and the ITU DataHub region classes (className, regionCode...).
"""

from schemas import reference as ref
from schemas.raw._columns import code, present

FLAGS = {"0", "1"}   # ITU's workbook marks LDC, LLDC and SIDS members with 1, others with 0


class ItuRegionsRaw(code("itu_region", lambda: ref.code_for_label("ITU_REGION"), "unknown_region"),
                    code("wb_income_2025", lambda: ref.code_for_label("WB_INCOME"), blank_ok=True),
                    code("LDC", FLAGS.copy), code("LLDC", FLAGS.copy), code("SIDS", FLAGS.copy)):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_regions_csv"}


class ItuRegionClassesRaw(present("className"), present("regionCode"), present("regionName")):
    line: int

    class Config:
        strict = False
        metadata = {"layer": "raw", "format": "itu_datahub_region_classes"}
