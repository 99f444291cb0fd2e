"""ITU table "Individuals using the Internet (from any location), by gender and urban/rural location (%)".

ITU published it (~2020) as an .xls: a title row, two header rows (groups All individuals / Gender / Urban / Rural
over Individuals, Total, Male, Female, with blank spacer columns between the data columns), economies by name, a
"Latest year" per economy, '...' for not available, and a source line and footnote at the bottom. The .xls and its
CSV export are read alike, and columns are found from the header labels, so a moved column still works.

Counting convention: a record is one value cell of an economy line (nine per line) or one footnote line. Each
record is staged or quarantined: '...' as excluded / missing_value, a footnote as excluded / footnote, a bad cell
or unknown economy name as an error. So rows_read = observations + quarantine records, as staging counts them.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core.canonical import AdapterResult, FileError, concat_quarantine, observations_frame, quarantine_row
from pipelines.ingest._common import canonical_rows, exclude_missing, resolve_names
from pipelines.ingest._excel import (Row, cell_at, csv_rows, find_header, is_blank, label, locate_columns,
                                     validate_cells, workbook_sheets)
from schemas.raw.itu_excel_table import ItuExcelTableRaw

FORMAT = "itu_excel_table"
DESCRIPTION = "ITU table: individuals using the Internet by gender and urban/rural location, latest year (.xls/.csv)"
ORIGIN = "ITU World Telecommunication/ICT Indicators database"
TITLE = "individuals using the internet (from any location), by gender and urban/rural location"
SERIES = "INET_USERS_PCT"
NOTE = "Age scope of population varies across countries"
NAME, YEAR = "economy name", "latest year"
VALUES = {"all individuals": ("_T", "_T"), "gender male": ("M", "_T"), "gender female": ("F", "_T"),
          "urban total": ("_T", "U"), "urban male": ("M", "U"), "urban female": ("F", "U"),
          "rural total": ("_T", "R"), "rural male": ("M", "R"), "rural female": ("F", "R")}   # -> (sex, urbanisation)
RAW_COLUMNS = ["Economy name", "Latest year", "value", "header"]


def detect(path: Path, head: bytes) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return TITLE in label(head.decode("utf-8", "ignore"))
    if suffix in (".xls", ".xlsx"):
        rows, _ = _grid(path, path.name)
        return any(TITLE in label(" ".join(cells)) for _, cells in rows[:3])
    return False


def read(path: Path, file_label: str) -> AdapterResult:
    rows, problems = _grid(path, file_label)
    at = find_header(rows, NAME, file_label)
    line, labels = _header_labels(rows, at)
    columns = locate_columns(labels, [NAME, YEAR, *VALUES], file_label, line)
    cells, footnotes = _records([r for r in rows[at + 1:] if not is_blank(r[1])], columns, file_label)
    present, missing = exclude_missing(cells, "value", file_label, label_column="header")
    valid, bad = validate_cells(present, ItuExcelTableRaw, file_label)
    located, unknown = resolve_names(valid, "Economy name", file_label)
    obs = canonical_rows(located, series=SERIES, value_column="value", year_column="Latest year", source=ORIGIN,
                         note=NOTE, sex=located["header"].map(lambda h: VALUES[h][0]),
                         urbanisation=located["header"].map(lambda h: VALUES[h][1]), file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(problems, footnotes, missing, bad, unknown),
                         rows_read=len(cells) + len(footnotes) + len(problems))


def _grid(path: Path, file_label: str) -> tuple[list[Row], list[dict]]:
    """The table's rows: the CSV export, or the first sheet of the workbook."""
    rows, problems = csv_rows(path, file_label) if path.suffix.lower() == ".csv" else \
        (next(iter(workbook_sheets(path, file_label).values())), [])
    if all(is_blank(cells) for _, cells in rows) and not problems:
        raise FileError("empty_file", f"{file_label} holds no table: every row is empty.")
    return rows, problems


def _header_labels(rows: list[Row], at: int) -> tuple[int, list[str]]:
    """Header line and one label per column: the group above (carried right over its columns) plus the column's own
    label, e.g. 'Urban' + 'Male' -> 'urban male', 'Latest' + 'year' -> 'latest year'. Spacer columns get ''."""
    line, own = rows[at]
    above = rows[at - 1][1] if at > 0 else []
    labels, group = [], ""
    for index, text in enumerate(own):
        group = cell_at(above, index) or group
        labels.append(label(f"{group} {text}") if text and label(text) != NAME else label(text))
    return line, labels


def _records(body: list[Row], columns: dict[str, int], file_label: str) -> tuple[pd.DataFrame, list[dict]]:
    """One record per value cell of each economy line; a line without a year and without values is a footnote."""
    records, footnotes = [], []
    for line, cells in body:
        values = {header: cell_at(cells, columns[header]) for header in VALUES}
        year = cell_at(cells, columns[YEAR])
        if not year and not any(values.values()):
            text = " ".join(c for c in cells if c)
            footnotes.append(quarantine_row(file_label, line, "*", "footnote", text,
                                            f"{file_label} line {line}: a footnote or source line, not data: "
                                            f"{text[:120]!r}.", severity="excluded"))
            continue
        name = cell_at(cells, columns[NAME])
        records += [{"Economy name": name, "Latest year": year, "value": value, "header": header, "line": line}
                    for header, value in values.items()]
    frame = pd.DataFrame(records, columns=RAW_COLUMNS + ["line"]).astype({c: "string" for c in RAW_COLUMNS})
    return frame.astype({"line": "int64"}), footnotes
