"""ITU price-basket and international-bandwidth extracts for 33 European economies (.xlsx with one sheet, or its
CSV export), as processed from the ITU ICT Price Baskets workbook and the ITU DataHub API.

Two layouts share the format. Price files: country (ISO3), year, <x>_usd, <x>_gni_pct, <x>_ppp, series_code
(i154_FBB fixed-broadband, i271mb data-only mobile-broadband basket): each line gives three observations,
BASKET_PRICE_USD, BASKET_PRICE_PCT_GNI and BASKET_PRICE_PPP, with the basket as breakdown (FBB_ITU, MBB_DATA_ITU:
the basket as ITU defined it in the collection year). Bandwidth file: country, year, int_bandwidth, series_code
(i4214 Mbit/s; i994, i994u, i994B bit/s): one observation per line. The series_units column is wrong for i994*
(it says Mbit/s) and is ignored: units come from the series code (source_codes.csv).

Counting convention: a record is one measure cell (three per price line, one per bandwidth line); an empty cell is
excluded / `missing_value`, a bad cell holds back that cell only. A problem that holds back a whole line (unknown
economy or series code, bad year, a line cut short) is one record.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, FileError, concat_quarantine, observations_frame
from pipelines.ingest._common import (canonical_rows, exclude_missing, first_row, raw_frame, read_table,
                                      resolve_areas, value_cells)
from pipelines.ingest._excel import validate_cells
from schemas import reference as ref
from schemas.raw.cells import ValueCellRaw
from schemas.raw.itu_basket import BandwidthRaw, BasketPriceRaw
from schemas.validation import split_valid

FORMAT = "itu_basket_workbook"
DESCRIPTION = "ITU price-basket (USD, % GNI, PPP) and international-bandwidth extracts, .xlsx or .csv"
ORIGIN = "ITU ICT Price Baskets"
BANDWIDTH_ORIGIN = "ITU World Telecommunication/ICT Indicators database"
REQUIRED = ["country", "year", "series_code"]
PRICES = {"_usd": "USD", "_gni_pct": "PCT_GNI", "_ppp": "PPP"}    # column suffix -> BASKET_PRICE_<...>
BANDWIDTH = "int_bandwidth"


def detect(path: Path, head: bytes) -> bool:
    row = first_row(path, head)
    return set(REQUIRED) <= set(row) and bool(_measures(row))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=REQUIRED)
    measures = _measures(parsed.header)
    if not measures:
        raise FileError("missing_column", f"{file_label} has neither price columns (*_usd, *_gni_pct, *_ppp) nor "
                        f"{BANDWIDTH!r}.", column=BANDWIDTH, line=1)
    prices = BANDWIDTH not in measures
    model, system = (BasketPriceRaw, "itu_basket_workbook") if prices else (BandwidthRaw, "itu_bandwidth_workbook")
    valid, bad = split_valid(raw_frame(parsed, REQUIRED + list(measures)), model, file_label=file_label)
    located, unknown = resolve_areas(valid, "country", file_label)
    cells = value_cells(located, list(measures), keep_empty=True)
    present, missing = exclude_missing(cells, "value", file_label, label_column="header")
    good, bad_cells = validate_cells(present, ValueCellRaw, file_label)
    mapped = good["series_code"].map(ref.source_code_map(system))
    series = mapped.map(lambda m: m[0])
    if prices:
        series = series.str.replace("*", "", regex=False) + good["header"].map(measures)
    obs = canonical_rows(good, series=series, breakdown=mapped.map(lambda m: m[1]), value_column="value",
                         year_column="year", source=ORIGIN if prices else BANDWIDTH_ORIGIN,
                         source_code=good["series_code"], file_label=file_label)
    line_problems = concat_quarantine(parsed.problems, bad, unknown)
    return AdapterResult(observations_frame(obs), concat_quarantine(line_problems, missing, bad_cells),
                         rows_read=len(line_problems) + len(cells))


def _measures(header: list[str]) -> dict[str, str]:
    """{measure column: BASKET_PRICE_ suffix} for a price file, {'int_bandwidth': ''} for the bandwidth file."""
    if BANDWIDTH in header:
        return {BANDWIDTH: ""}
    return {h: suffix for h in header for end, suffix in PRICES.items() if h.endswith(end)}
