"""Statistical tables workbook (.xlsx) in the style of the MIS report annex tables.

One sheet per table: key ICT indicators, SDG ICT indicators by sex, price baskets, IDI. Each sheet has a title, a
units row, economies in rows grouped under their ITU region, the year of each value beside it, estimates in italics
with a footnote marker, and source notes and footnotes below the table.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from pipelines.reports import NO_DATA, PublishedRelease, by_region, is_estimate
from schemas.profile_items import Item, item

ESTIMATE_MARK = "e"
BOLD, ITALIC, TITLE = Font(bold=True), Font(italic=True), Font(bold=True, size=14)
REGION_FILL = PatternFill("solid", fgColor="DDE6F0")
SOURCE_NOTE = ("Source: release {release} of this pipeline (observations.parquet gives each value's source, file and "
               "line). Values are the latest available year for each economy; the year is given beside each value.")
ESTIMATE_NOTE = (f"{ESTIMATE_MARK} after the year: the value (in italics) is an estimate (nature E) or modelled "
                 "(nature M), not country data.")


@dataclass(frozen=True)
class Table:
    sheet: str
    title: str
    columns: list[str]      # profile items, each shown as value + year
    notes: list[str]


TABLES = [
    Table("1 Key ICT indicators", "Table 1. Key ICT indicators: access, coverage and use",
          ["fixed_tel_p100", "mobile_cell_p100", "mobile_bb_p100", "fixed_bb_p100", "cov_3g_pct", "cov_4g_pct",
           "cov_5g_pct", "hh_computer_pct", "hh_internet_pct", "internet_users_pct"],
          ["Per 100 inhabitants: subscriptions divided by population times 100 (ITU administrative indicators)."]),
    Table("2 SDG ICT by sex", "Table 2. SDG ICT indicators by sex (17.8.1, 5.b.1, 4.4.1)",
          ["internet_users_female_pct", "internet_users_male_pct", "internet_gender_parity", "mobile_own_female_pct",
           "mobile_own_male_pct", "ict_skill_pct"],
          ["Gender parity score = female rate / male rate; parity is 0.98-1.02 (ITU)."]),
    Table("3 Price baskets", "Table 3. ICT price baskets (5 GB fixed-broadband and data-only mobile-broadband)",
          ["fbb_basket_usd", "fbb_basket_ppp", "fbb_basket_pct_gni", "fbb_meets_2pct", "mbb_basket_usd",
           "mbb_basket_ppp", "mbb_basket_pct_gni", "mbb_meets_2pct"],
          ["Target: entry-level broadband below 2% of monthly GNI per capita (Broadband Commission, 2025)."]),
]


def _header(ws: Worksheet, title: str, labels: list[tuple[str, str]], release: str) -> int:
    ws.append([title])
    ws["A1"].font = TITLE
    ws.append([f"Release {release}"])
    ws.append(["Economy", "ISO3"] + [label for label, _ in labels])
    ws.append(["", ""] + [unit for _, unit in labels])
    for cell in ws[3] + ws[4]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C5"
    return 5


def _value(value, item: Item):
    if value is None or pd.isna(value):
        return NO_DATA
    if item.kind == "flag":
        return "yes" if bool(value) else "no"
    return int(value) if item.kind == "rank" else round(float(value), 2)


def _region_row(ws: Worksheet, region: str, width: int) -> None:
    ws.append([region])
    for cell in ws[ws.max_row][:width]:
        cell.fill, cell.font = REGION_FILL, BOLD


def _profile_sheet(ws: Worksheet, table: Table, latest: pd.DataFrame, release: str) -> None:
    catalogue = {name: item(name) for name in table.columns}
    labels = []
    for name in table.columns:
        labels += [(catalogue[name].title, catalogue[name].unit), ("Year", "")]
    _header(ws, table.title, labels, release)
    estimates = 0
    for region, group in by_region(latest):
        _region_row(ws, region, 2 + len(labels))
        for _, row in group.iterrows():
            cells, italic = [row["name"], row["ref_area"]], []
            for name in table.columns:
                year = row[f"{name}_year"]
                cells += [_value(row[name], catalogue[name]), "" if pd.isna(year) else int(year)]
                if is_estimate(row[f"{name}_nature"]):   # the value stays a number; the mark goes on its year
                    italic.append(len(cells) - 1)
                    cells[-1] = f"{cells[-1]} {ESTIMATE_MARK}"
            ws.append(cells)
            for column in italic:
                ws.cell(ws.max_row, column).font = ITALIC
            estimates += len(italic)
    _notes(ws, [SOURCE_NOTE.format(release=release), *table.notes] + ([ESTIMATE_NOTE] if estimates else []))
    _widths(ws, 2 + len(labels))


def _idi_sheet(ws: Worksheet, release: PublishedRelease, latest: pd.DataFrame) -> None:
    idi = release.table("idi")
    title = "Table 4. ICT Development Index (IDI)"
    if idi is None or idi.empty:
        ws.append([title])
        ws["A1"].font = TITLE
        ws.append([f"No data: release {release.name} publishes no IDI table."])
        return
    editions = sorted(idi["edition"].astype(str).unique())
    edition = editions[-1]
    rows = idi[idi["edition"].astype(str) == edition]
    rows = rows[rows["time_period"] == rows.groupby("ref_area")["time_period"].transform("max")]
    _header(ws, f"{title}, edition {edition}", [("IDI value", "0-10"), ("Rank", ""), ("Year", "")], release.name)
    merged = latest[["ref_area", "name", "itu_region"]].merge(rows, on="ref_area", how="left")
    for region, group in by_region(merged):
        _region_row(ws, region, 5)
        for _, row in group.iterrows():
            ws.append([row["name"], row["ref_area"], NO_DATA if pd.isna(row["idi"]) else round(float(row["idi"]), 2),
                       "" if pd.isna(row["rank"]) else int(row["rank"]),
                       "" if pd.isna(row["time_period"]) else int(row["time_period"])])
    _notes(ws, [SOURCE_NOTE.format(release=release.name), "Unranked economies have imputed or missing inputs "
                "(see idi.parquet, column status)."])
    _widths(ws, 5)


def _notes(ws: Worksheet, notes: list[str]) -> None:
    ws.append([])
    for note in notes:
        ws.append([note])
        ws.cell(ws.max_row, 1).font = ITALIC


def _widths(ws: Worksheet, count: int) -> None:
    ws.column_dimensions["A"].width = 32
    for i in range(2, count + 1):
        ws.column_dimensions[get_column_letter(i)].width = 12


def write_workbook(release: PublishedRelease, path: Path) -> Path:
    latest = release.latest()
    wb = Workbook()
    wb.remove(wb.active)
    for table in TABLES:
        _profile_sheet(wb.create_sheet(table.sheet), table, latest, release.name)
    _idi_sheet(wb.create_sheet("4 IDI"), release, latest)
    path.parent.mkdir(parents=True, exist_ok=True)
    _save(wb, path)
    return path


# The time written into the workbook's properties and its zip entries: the zip format's earliest, as reproducible
# builds use, so that a release's tables are the same bytes whenever they are written (openpyxl's own save stamps
# the current time in both).
FIXED_TIME = dt.datetime(1980, 1, 1)


def _save(wb: Workbook, path: Path) -> None:
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()     # closes the archive
    with zipfile.ZipFile(buffer) as written, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in written.infolist():
            data = written.read(info)
            info.date_time = FIXED_TIME.timetuple()[:6]
            out.writestr(info, data)
