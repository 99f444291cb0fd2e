"""World Bank WDI bulk download, wide data file ("API_<indicator>_DS2_en_csv_v2_<n>.csv").

Four preamble lines ("Data Source", "Last Updated Date" and blanks), then "Country Name", "Country Code",
"Indicator Name", "Indicator Code" and one column per year; every line ends with a stray comma. Indicator Code maps
to a series (source_codes.csv, system wdi); the World Bank's own aggregates (WLD, HIC, SSF...) are excluded, since
the project computes aggregates itself. The "Last Updated Date" is the file's vintage (AdapterResult.vintage, used
to rank vintages in staging) and goes into `source`. Nature "C". Copies whose preamble was removed (the file starts
at the "Country Name" header) are read the same way; they state no vintage, and their `source` says so.

Counting convention (wide file): a record is one non-empty year cell of an economy line; an empty cell is not a
record (WDI leaves most early years empty). A problem that holds back a whole line (unknown economy, a World Bank
aggregate, an unknown indicator, a line cut short) is one record. A bad cell holds back that cell only.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.core.canonical import AdapterResult, FileError, concat_quarantine, observations_frame
from pipelines.core.manifest import VINTAGE
from pipelines.ingest import HEAD_BYTES
from pipelines.ingest._common import canonical_rows, leading_rows, raw_frame, read_table, resolve_areas, value_cells
from pipelines.ingest._excel import validate_cells
from schemas import reference as ref
from schemas.raw.cells import ValueCellRaw
from schemas.raw.wdi import WdiLineRaw
from schemas.validation import split_valid
from schemas.values import parse_year

FORMAT = "wdi_wide_csv"
DESCRIPTION = "World Bank WDI wide CSV (API_..._DS2): 4 preamble lines, economies by year"
ORIGIN = "World Bank WDI"
ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
PREAMBLE = ["Data Source", "World Development Indicators"]


def detect(path: Path, head: bytes) -> bool:
    rows = leading_rows(path, head, 6)
    with_preamble = bool(rows) and rows[0][:2] == PREAMBLE and any(r[:4] == ID_COLUMNS for r in rows)
    return with_preamble or (bool(rows) and rows[0][:4] == ID_COLUMNS)


def read(path: Path, file_label: str) -> AdapterResult:
    preamble = _preamble(path)
    parsed = read_table(path, file_label, skip_lines=4 if preamble else 0, required=ID_COLUMNS)
    years = _year_columns(parsed.header, file_label)
    valid, bad = split_valid(raw_frame(parsed, ID_COLUMNS + years), WdiLineRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, "Country Code", file_label)
    cells = value_cells(located, years)
    good, bad_cells = validate_cells(cells, ValueCellRaw, file_label)
    series = good["Indicator Code"].map({code: s for code, (s, _) in ref.source_code_map("wdi").items()})
    updated = _last_updated(preamble)
    obs = canonical_rows(good, series=series, value_column="value", year_column="header",
                         source=f"{ORIGIN} ({_vintage_text(preamble, updated)})", source_code=good["Indicator Code"],
                         file_label=file_label)
    line_problems = concat_quarantine(parsed.problems, bad, unknown)
    empty = sorted(set(located["Country Code"]) - set(cells["Country Code"]))
    notes = [f"economies with no value in any year ({len(empty)}): {', '.join(empty)}"] if empty else []
    return AdapterResult(observations_frame(obs), concat_quarantine(line_problems, bad_cells),
                         rows_read=len(line_problems) + len(cells), notes=notes, vintage=updated)


def _year_columns(header: list[str], file_label: str) -> list[str]:
    """Every label after the four identifying columns must be a year (the trailing empty label is the stray comma)."""
    labels = [h for h in header if h not in ID_COLUMNS and h]
    for h in labels:
        if parse_year(h) is None:
            raise FileError("year_not_integer", f"{file_label}: column {h!r} should be a year.", column=h, line=5)
    return labels


def _preamble(path: Path) -> list[list[str]]:
    """The preamble's rows ("Data Source", "Last Updated Date"), or [] for a copy that starts at its header."""
    with path.open("rb") as handle:
        rows = leading_rows(path, handle.read(HEAD_BYTES), 2)
    return rows if rows and rows[0][:2] == PREAMBLE else []


def _last_updated(preamble: list[list[str]]) -> str:
    """The preamble's "Last Updated Date" when it is an ISO date, else "" (the vintage is then unknown)."""
    for row in preamble:
        date = row[1].strip().removesuffix("T00:00:00") if len(row) > 1 else ""   # a workbook's date cell
        if row[:1] == ["Last Updated Date"] and VINTAGE.match(date):
            return date
    return ""


def _vintage_text(preamble: list[list[str]], updated: str) -> str:
    if not preamble:
        return "no preamble: vintage not stated in the file"
    return f"last updated {updated or 'unknown'}"
