"""ITU table "Individuals using the Internet (from any location), by gender and urban/rural location (%)".

ITU published it (~2020) as an .xls: a title row, two header rows (groups All individuals / Gender / Urban / Rural
over Individuals, Total, Male, Female, with blank spacer columns between the data columns), economies by name, a
"Latest year" per economy, '...' for not available, and a source line and footnote at the bottom. The .xls and its
CSV export are read alike, and columns are found from the header labels, so a moved column still works.

Counting convention (records, as staging counts them): a value cell of an economy line is one record (nine per
line): staged, '...' excluded as missing_value, or a bad value quarantined naming its column. A problem with the
line itself (economy name unknown, year not a year) holds the whole line back as one record. A footnote or source
line is one record, excluded as footnote. rows_read = observations + quarantine records.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core.canonical import AdapterResult, FileError, concat_quarantine, observations_frame, quarantine_row
from pipelines.ingest._common import canonical_rows, first_row, resolve_names
from pipelines.ingest._excel import (CELL_WORKBOOKS, Row, cell_at, csv_rows, find_header, is_blank, label,
                                     locate_columns, text_frame, workbook_sheets)
from pipelines.ingest._wide import wide_records
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


def detect(path: Path, head: bytes) -> bool:
    """The table's title is its first row (an .xls is small enough to open whole). In a CSV export the title is looked
    for in the line as written: it holds a comma, which a semicolon- or tab-separated copy does not split on."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        first = next((cells for _, cells in _grid(path, path.name)[0] if not is_blank(cells)), [])
    elif suffix == ".csv":
        first = [line for line in head.decode("utf-8", "ignore").lstrip("\ufeff").splitlines() if line.strip()][:1]
    elif suffix in CELL_WORKBOOKS:
        first = first_row(path, head)
    else:
        return False
    return TITLE in label(" ".join(first))


def read(path: Path, file_label: str) -> AdapterResult:
    rows, problems = _grid(path, file_label)
    at = find_header(rows, NAME, file_label)
    line, labels = _header_labels(rows, at)
    columns = locate_columns(labels, [NAME, YEAR, *VALUES], file_label, line)
    lines, cells, footnotes = _split(rows[at + 1:], columns, file_label)
    records, quarantine, records_read = wide_records(
        lines, cells, ItuExcelTableRaw, file_label, lambda df: resolve_names(df, "Economy name", file_label))
    obs = canonical_rows(records, series=SERIES, value_column="value", year_column="Latest year", source=ORIGIN,
                         note=NOTE, sex=records["header"].map(lambda h: VALUES[h][0]),
                         urbanisation=records["header"].map(lambda h: VALUES[h][1]), file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(problems, footnotes, quarantine),
                         rows_read=records_read + len(footnotes) + len(problems))


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


def _split(body: list[Row], columns: dict[str, int], file_label: str
           ) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """Economy lines (name, year), their value cells (one record each) and footnotes: a non-empty line without a
    year and without values is a footnote or source line."""
    lines, cells, footnotes = [], [], []
    for line, row in body:
        if is_blank(row):
            continue
        values = {header: cell_at(row, columns[header]) for header in VALUES}
        year = cell_at(row, columns[YEAR])
        if not year and not any(values.values()):
            text = " ".join(c for c in row if c)
            footnotes.append(quarantine_row(file_label, line, "*", "footnote", text,
                                            f"{file_label} line {line}: a footnote or source line, not data: "
                                            f"{text[:120]!r}.", severity="excluded"))
            continue
        lines.append({"Economy name": cell_at(row, columns[NAME]), "Latest year": year, "line": line})
        cells += [{"header": header, "value": value, "line": line} for header, value in values.items()]
    return text_frame(lines, ["Economy name", "Latest year"]), text_frame(cells, ["header", "value"]), footnotes
