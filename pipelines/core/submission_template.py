"""The country submission workbook's empty template, written in the layout of pipelines/core/submission_layout.py.

Modelled on ITU's questionnaires: an About sheet saying who reports for which economy and how to fill in the
workbook, one sheet per indicator group with the same layout (a row per series and breakdown, a column per year),
a Tariffs sheet reserved for tariff plans, and a Codes sheet listing the codes the drop-downs offer. The layout is
defined once in pipelines/core/submission_layout.py so the template and pipelines/ingest/country_submission_xlsx.py
cannot drift apart; it is described for respondents in docs/submission_workbook.md.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.core.submission_layout import (ABOUT, ABOUT_FIELDS, AGE_SUGGESTED, CODES, DATA_SHEETS, KEY_COLUMNS,
                                              SHEET_ORDER, TARIFF_COLUMNS, TARIFFS, TEMPLATE_ROWS, TITLE,
                                              TRAILING_COLUMNS, YEARS, DataSheet)
from schemas import reference as ref
from schemas.codelists import PLAN_TYPES, SERVICES

INSTRUCTIONS = [
    "One workbook per economy and release. Fill in this sheet first; do not rename or delete sheets.",
    "Indicator sheets: one row per series and breakdown, one column per year (2000-2025). Rows for the usual series "
    "are already there; copy a row to add a breakdown (sex, age, urban/rural). Leave a cell empty when there is no "
    "value: do not type 0 for 'not available'.",
    "economy: ISO3 code; may stay empty when this sheet names the economy. series: a code from the drop-down (titles "
    "and units on the Codes sheet).",
    "sex: _T (both sexes), F, M. urbanisation: _T (all areas), U (urban), R (rural). age: _T or a range such as "
    "Y15T24, Y_GE15. breakdown: _T, a speed tier (Fixed) or an ICT skill (Individuals). Empty means _T.",
    "Numbers without thousands separators and with a point as decimal mark (12.5, not 12,5 or 1,234). Percentages "
    "from 0 to 100, not fractions.",
    "note and source apply to every value of the row (source defaults to the reporting agency). estimate: Y when the "
    "values of the row are estimates, N or empty for country data.",
    "Tariffs: one row per tariff plan of the operators (ref_area, year, operator, market share 0-1, plan, prepaid/"
    "postpaid/addon, price for the validity in days, allowances: empty = unlimited; service empty = derived from "
    "speed); they feed the ICT price baskets (docs/tariff_plans.md).",
]

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_template(path: Path | str, economy: str | None = None) -> Path:
    """Write the empty submission workbook (About filled with `economy`, an ISO3 code, when given)."""
    if economy is not None and economy not in ref.economy_codes():
        raise ValueError(f"{economy!r} is not an ISO3 code in pipelines/reference/economies.csv")
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = {name: book.create_sheet(name) for name in SHEET_ORDER}
    economies = _codes_sheet(sheets[CODES])
    _about_sheet(sheets[ABOUT], economy, economies)
    for spec in DATA_SHEETS:
        _data_sheet(sheets[spec.name], spec, economy, economies)
    _tariffs_sheet(sheets[TARIFFS], economies)
    path = Path(path)
    book.save(path)
    return path


def _header(ws: Worksheet, columns: list[object], widths: dict[int, int], freeze: str) -> None:
    ws.append(columns)
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    for index in range(1, len(columns) + 1):
        ws.column_dimensions[get_column_letter(index)].width = widths.get(index, 11)
    ws.freeze_panes = freeze


def _choice(ws: Worksheet, column: int, formula: str, *, strict: bool = True) -> None:
    """A drop-down on a column below the header. Not strict: other values are allowed after a warning."""
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                        errorStyle="stop" if strict else "warning",
                        error="Choose a value from the list (see the About and Codes sheets).")
    ws.add_data_validation(dv)
    letter = get_column_letter(column)
    dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")


def _inline(codes: list[str]) -> str:
    text = ",".join(codes)
    assert len(text) <= 255, "Excel limits an inline list to 255 characters"
    return f'"{text}"'


def _codes_sheet(ws: Worksheet) -> str:
    """Economies and series with titles and units; returns the range formula of the economy codes."""
    _header(ws, ["iso3", "economy", "", "series", "title", "unit", "sheet"], {2: 32, 4: 28, 5: 60, 6: 14}, "A2")
    catalogue = ref.series_catalogue()
    economies = ref.economies().sort_values("iso3")
    series = [(s, spec.name) for spec in DATA_SHEETS for s in spec.series]
    for n in range(max(len(economies), len(series))):
        row = list(economies.iloc[n][["iso3", "name"]]) if n < len(economies) else ["", ""]
        if n < len(series):
            code, sheet = series[n]
            row += ["", code, catalogue.loc[code, "title"], catalogue.loc[code, "unit_measure"], sheet]
        ws.append(row)
    return f"{CODES}!$A$2:$A${len(economies) + 1}"


def _about_sheet(ws: Worksheet, economy: str | None, economies: str) -> None:
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    for row, (key, text) in enumerate(ABOUT_FIELDS.items(), start=3):
        ws.cell(row, 1, text).font = Font(bold=True)
        if key == "economy":
            ws.cell(row, 2, economy)
            dv = DataValidation(type="list", formula1=economies, allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(f"B{row}")
    row = 4 + len(ABOUT_FIELDS)
    ws.cell(row, 1, "Instructions").font = Font(bold=True)
    for n, text in enumerate(INSTRUCTIONS, start=1):
        ws.cell(row + n, 1, n)
        ws.cell(row + n, 2, text).alignment = _WRAP
    row += len(INSTRUCTIONS) + 2
    ws.cell(row, 1, "Sheets").font = Font(bold=True)
    for n, spec in enumerate(DATA_SHEETS, start=1):
        ws.cell(row + n, 1, spec.name)
        ws.cell(row + n, 2, f"{spec.purpose}: {', '.join(spec.series)}").alignment = _WRAP
    ws.cell(row + len(DATA_SHEETS) + 1, 1, TARIFFS)
    ws.cell(row + len(DATA_SHEETS) + 1, 2, "Tariff plans, one row per plan (processed separately)")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 110


def _data_sheet(ws: Worksheet, spec: DataSheet, economy: str | None, economies: str) -> None:
    columns = KEY_COLUMNS + YEARS + TRAILING_COLUMNS
    _header(ws, columns, {1: 10, 2: 30, 6: 16, len(columns) - 2: 30, len(columns) - 1: 30}, "G2")
    for series in spec.series:
        codelist = spec.breakdowns.get(series)
        for breakdown in sorted(ref.codes(codelist) - {"_T"}) if codelist else ["_T"]:
            ws.append([economy, series, "_T", "_T", "_T", breakdown])
    breakdowns = sorted({"_T"}.union(*[ref.codes(c) for c in spec.breakdowns.values()]))
    position = {name: n for n, name in enumerate(columns, start=1)}
    _choice(ws, position["economy"], economies)
    _choice(ws, position["series"], _inline(list(spec.series)))
    _choice(ws, position["sex"], _inline(["_T", "F", "M"]))
    _choice(ws, position["age"], _inline(AGE_SUGGESTED), strict=False)
    _choice(ws, position["urbanisation"], _inline(["_T", "U", "R"]))
    _choice(ws, position["breakdown"], _inline(breakdowns), strict=False)
    _choice(ws, position["estimate"], _inline(["Y", "N"]))


def _tariffs_sheet(ws: Worksheet, economies: str) -> None:
    _header(ws, TARIFF_COLUMNS, {3: 18, 5: 24}, "D2")
    position = {name: n for n, name in enumerate(TARIFF_COLUMNS, start=1)}
    _choice(ws, position["ref_area"], economies)
    _choice(ws, position["plan_type"], _inline(list(PLAN_TYPES)))
    _choice(ws, position["service"], _inline(list(SERVICES)))
    for column in ("taxes_included", "promotional"):
        _choice(ws, position[column], _inline(["Y", "N"]))
