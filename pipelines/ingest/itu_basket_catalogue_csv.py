"""ITU's price-basket catalogue (itu_price_basket_catalogue_2008_2025.csv): one line per ITU basket code prefix
(e.g. i271mb_5GB) with ITU's basket name and allowance, its official years and its status (official /
experimental), as copied from ITU's ICT Price Baskets workbook and its BasketHistory sheet.

Reference data, not observations: each line yields reference rows with ref_area "_Z" (attributes itu_basket_code,
itu_basket_name, itu_basket_official_years, itu_basket_status, linked by file and line). The basket engine does not
read them: its basket definitions (indicators/baskets/definitions.yaml) carry the same facts with this file as
source, and tests/baskets check the two agree.

Counting convention: a record is one non-empty attribute cell of a line; a line without a code prefix is one record
held back.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult
from pipelines.ingest._common import first_row, indicator_reference_file
from schemas.raw.itu_basket import BasketCatalogueRaw

FORMAT = "itu_basket_catalogue_csv"
DESCRIPTION = "ITU price-basket catalogue CSV (code_prefix, basket name with allowance, official years, status)"
ORIGIN = "ITU ICT Price Baskets workbook (basket names, BasketHistory)"
ATTRIBUTES = {"code_prefix": "itu_basket_code", "basket_name_as_in_itu_workbook": "itu_basket_name",
              "official_years_per_label": "itu_basket_official_years", "status_note": "itu_basket_status"}
COLUMNS = list(ATTRIBUTES)


def detect(path: Path, head: bytes) -> bool:
    return set(COLUMNS) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    return indicator_reference_file(path, file_label, model=BasketCatalogueRaw, attributes=ATTRIBUTES, source=ORIGIN)
