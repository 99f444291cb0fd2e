"""Byte-exact writers for the real input formats, one helper per format.

Rows are dicts of strings keyed by column name; each writer only serialises them (quoting, delimiter, BOM,
preamble, line ending) the way the real downloads do, so the real adapters read the demo files unchanged.
"""
from __future__ import annotations

import math
from pathlib import Path

LABEL = "DEMO DATA - generated, not real statistics"
DEMO_SOURCE = "DEMO (generated)"
BOM = "\ufeff"

DATAHUB_COLUMNS = ["seriesID", "seriesCode", "seriesName", "seriesParent", "seriesUnits", "entityID", "entityIso",
                   "entityName", "dataValue", "dataYear", "dataNote", "dataSource", "seriesDescription"]
_DATAHUB_UNQUOTED = {"seriesID", "seriesParent", "entityID", "dataYear"}
WDI_ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
WDI_YEARS = range(1960, 2025)
SDG_COLUMNS = (
    "ID,Goal,Target,Indicator,ReleaseStatus,ReleaseName,SeriesID,SeriesCode,isDSDSeries,SeriesDescription,"
    "SeriesObservationCount,GeoAreaCode,GeoAreaName,TimePeriod,Value,ValueType,Time_Detail,TimeCoverage,UpperBound,"
    "LowerBound,BasePeriod,Source,GeoInfoUrl,FootNote,ObservationID,Age,Freq,Location,Nature,Sex,UnitMultiplier,Units,"
    "Level/Status,Name of international agreement,Education level,Type of product,Type of facilities,"
    "Name of international institution,Type of occupation,Tariff regime (status),Type of skill,Mode of transportation,"
    "Type of mobile technology,Name of non-communicable disease,Type of speed,Migratory status,Disability status,"
    "Hazard type,IHR Capacity,Cities,Reporting Type,Quantile,Activity,Observation Status,Policy Domains,"
    "Policy instruments,Sampling Stations,Type of waste treatment,Grounds of discrimination,Parliamentary committees,"
    "Cause of death,Substance use disorders,Mountain Elevation,Deviation Level,"
    "Frequency of Chlorophyll-a concentration,Food Waste Sector,Fiscal intervention stage").split(",")
GENDER_TSV_COLUMNS = (
    "INDICATOR_LABEL INDICATOR_ID INDICATOR_DESC MINSET_SERIES MINSET_SERIES_DESC REF_AREA REF_AREA_DESC ISO3 X Y "
    "SDG_REGION TIME_PERIOD SEX SEX_DESC AGE AGE_DESC OBS_VALUE UNIT_MEASURE UNIT_MEASURE_DESC NATURE NATURE_DESC "
    "REPORTING_TYPE REPORTING_TYPE_DESC COMMENT_OBS SOURCE_YEAR sort_order SDG_SeriesID ILO_SeriesID UNESCO_SeriesID "
    "TSK_sub_dims TSK_sub_id TSK_sub_desc isLatestValue").split()


def fmt_g(value: float) -> str:
    """A value as the DataHub prints it: C '%g' (6 significant digits) with a 3-digit exponent, e.g. 1.2e+007."""
    text = f"{value:g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{exponent[0]}{int(exponent[1:]):03d}"
    return text


def fmt_money(value: float) -> str:
    """A price rounded to 3 significant digits, never in exponent notation (12.3, 0.0123, 12300, 0.01)."""
    if value == 0:
        return "0"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{round(value, decimals):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if decimals else text


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _minimal(value: str, delimiter: str = ",") -> str:
    """Quote only when needed, as Python's csv module and most exporters do."""
    needs = delimiter in value or '"' in value or "\n" in value or "\r" in value
    return _quoted(value) if needs else value


def _write(path: Path, lines: list[str], newline: str, *, bom: bool = False, final_newline: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = newline.join(lines) + (newline if final_newline else "")
    path.write_bytes(((BOM if bom else "") + text).encode("utf-8"))
    return path


def write_datahub_csv(path: Path, rows: list[dict]) -> Path:
    """ITU DataHub bulk CSV: UTF-8 BOM, all header names and text quoted, numeric ids and the year bare,
    LF line ends and no newline after the last row."""
    def field(column: str, value: str) -> str:
        return value if column in _DATAHUB_UNQUOTED else _quoted(value)

    lines = [",".join(_quoted(c) for c in DATAHUB_COLUMNS)]
    lines += [",".join(field(c, r[c]) for c in DATAHUB_COLUMNS) for r in rows]
    return _write(path, lines, "\n", bom=True, final_newline=False)


def write_wdi_wide_csv(path: Path, rows: list[dict], last_updated: str) -> Path:
    """World Bank API_<code>_DS2 wide CSV: BOM, 4 preamble lines, every field quoted, a trailing comma, CRLF."""
    columns = WDI_ID_COLUMNS + [str(y) for y in WDI_YEARS]
    lines = ['"Data Source","World Development Indicators",', "", f'"Last Updated Date","{last_updated}",', ""]
    lines += [",".join(_quoted(v) for v in values) + "," for values in
              [columns] + [[r.get(c, "") for c in columns] for r in rows]]
    return _write(path, lines, "\r\n", bom=True)


def write_plain_csv(path: Path, rows: list[dict], columns: list[str], newline: str = "\r\n") -> Path:
    """A plain comma-separated file with minimal quoting and no BOM (population, ITU legacy, OWID, tariff plans)."""
    lines = [",".join(_minimal(c) for c in columns)]
    lines += [",".join(_minimal(r[c]) for c in columns) for r in rows]
    return _write(path, lines, newline)


def write_sdg_api_csv(path: Path, rows: list[dict]) -> Path:
    """UN SDG Global Database (legacy API) CSV: bare header, minimal quoting except FootNote (always quoted), LF."""
    def field(column: str, value: str) -> str:
        return _quoted(value) if column == "FootNote" else _minimal(value)

    lines = [",".join(SDG_COLUMNS)] + [",".join(field(c, r.get(c, "")) for c in SDG_COLUMNS) for r in rows]
    return _write(path, lines, "\n")


def write_gender_tsv(path: Path, rows: list[dict]) -> Path:
    """UN gender data portal series file: tab-separated, no quoting, LF."""
    lines = ["\t".join(GENDER_TSV_COLUMNS)] + ["\t".join(r.get(c, "") for c in GENDER_TSV_COLUMNS) for r in rows]
    return _write(path, lines, "\n")
