"""Steps shared by the adapters: reading a table (text or .xlsx), raw frame from records, area classification (by
code, name or UN M49 number), missing values, wide cells, notes below a table, canonical and reference rows, and
combining the results of a file read in parts."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from pipelines.core.canonical import (TOTAL, AdapterResult, FileError, concat_quarantine, observations_frame,
                                      quarantine_frame, quarantine_row, reference_frame)
from pipelines.core.parsing import DELIMITERS, DelimitedFile, Record, read_delimited
from schemas.values import number_values, year_values
from pipelines.ingest._excel import WORKBOOK_SUFFIXES, is_blank, workbook_sheets
from schemas import reference as ref
from schemas.checks import not_blank
from schemas.validation import split_valid


def raw_frame(parsed: DelimitedFile, columns: list[str]) -> pd.DataFrame:
    """The records as a frame of strings with their physical `line` (for the raw Pandera model)."""
    df = pd.DataFrame({c: parsed.column(c).array for c in columns}, columns=columns)
    df["line"] = pd.Series(parsed.lines, dtype="int64")
    return df


def resolve_areas(df: pd.DataFrame, code_column: str, file_label: str, *, name_column: str | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add `ref_area` (ISO3). Rows for a source's own aggregates are excluded and unknown codes quarantined.

    With `name_column`, a code that is empty is looked up by name (exact normalised match only, never guessed).
    """
    pair, pairs = _distinct_pairs(df[code_column], df[name_column] if name_column else None)
    placed = [place_area(code, name) for code, name in pairs]   # once per distinct (code, name)
    iso3s = np.array([iso3 for iso3, _ in placed], dtype=object)[pair]
    economy = np.array([kind == "economy" for _, kind in placed], dtype=bool)[pair]
    problems = []
    lines = df["line"].to_numpy()
    for i in np.flatnonzero(~economy):   # the few rows that are not an economy's
        (code, name), (_, kind), line = pairs[pair[i]], placed[pair[i]], lines[i]
        if kind == "source_aggregate":
            problems.append(quarantine_row(file_label, int(line), code_column, "not_an_economy", code,
                                           f"{file_label} line {line}: {code!r} is the source's own aggregate, not an "
                                           "economy; the project computes aggregates itself.", severity="excluded"))
        else:
            shown = code if code and str(code).strip() else name
            problems.append(quarantine_row(file_label, int(line), code_column if code else (name_column or code_column),
                                           "unknown_economy", shown,
                                           f"{file_label} line {line}: economy {shown!r} is not in the project's list "
                                           "of economies (pipelines/reference/economies.csv, economy_names.csv)."))
    out = df[economy].copy()
    out["ref_area"] = iso3s[economy].tolist()
    return out, quarantine_frame(problems)


def _distinct_pairs(codes: pd.Series, names: pd.Series | None) -> tuple[np.ndarray, list[tuple[object, object]]]:
    """Each row's position among the distinct (code, name) pairs, and those pairs (name None without a name column),
    found by factorising rather than by a Python look-up per row (most rows of a file repeat a few hundred codes). A
    row with a missing code or name is a pair of its own, as it is (None and NaN are placed differently)."""
    raw_codes = codes.astype(object).to_numpy()
    raw_names = names.astype(object).to_numpy() if names is not None else np.full(len(codes), None, dtype=object)
    code_ids, code_values = pd.factorize(raw_codes)          # -1: missing
    name_ids, name_values = pd.factorize(raw_names) if names is not None else (np.zeros(len(codes), np.int64), [None])
    known = (code_ids >= 0) & (name_ids >= 0)
    width = max(len(name_values), 1)
    pair = np.empty(len(codes), dtype=np.int64)
    pair[known], combined = pd.factorize(code_ids[known].astype(np.int64) * width + name_ids[known])
    pairs = [(code_values[c // width], name_values[c % width]) for c in combined]
    for i in np.flatnonzero(~known):
        pair[i] = len(pairs)
        pairs.append((raw_codes[i], raw_names[i]))
    return pair, pairs


def place_area(code: object, name: object) -> tuple[str | None, str]:
    """(ISO3, kind) of one code, or of the name when the code is empty (see `resolve_areas`)."""
    iso3, kind = ref.classify_area(code) if code and str(code).strip() else (None, "unknown")
    if iso3 is None and name is not None and kind == "unknown":
        iso3 = ref.iso3_for_name(name)
        kind = "economy" if iso3 else "unknown"
    return iso3, kind


def canonical_rows(df: pd.DataFrame, *, series: pd.Series | str, value_column: str, year_column: str,
                   source: pd.Series | str, nature: pd.Series | str = "C", note: pd.Series | str | None = None,
                   source_code: pd.Series | str | None = None, breakdown: pd.Series | str = TOTAL,
                   sex: pd.Series | str = TOTAL, age: pd.Series | str = TOTAL, urbanisation: pd.Series | str = TOTAL,
                   file_label: str) -> pd.DataFrame:
    """Canonical observation rows from a validated raw frame that has `ref_area` and `line`.

    Rows whose value is a missing marker ('', '...') are dropped here on purpose: they are not observations.
    Callers count them as read and quarantine them with rule `missing_value` when the format forbids blanks.
    """
    # built at once: a column added at a time was a fixed cost of every file read
    out = pd.DataFrame({"ref_area": df["ref_area"], "time_period": year_values(df[year_column]), "series": series,
                        "sex": sex, "age": age, "urbanisation": urbanisation, "breakdown": breakdown,
                        "nature": nature, "source": source, "note": note, "source_code": source_code,
                        "obs_value": number_values(df[value_column])}, index=df.index)
    units = ref.series_units()   # a series not in the catalogue: no unit, multiplier 0
    out["unit_measure"] = out["series"].map({s: unit for s, (unit, _) in units.items()}).astype("string")
    out["unit_mult"] = out["series"].map({s: mult for s, (_, mult) in units.items()}).fillna(0).astype("Int64")
    out["file"] = file_label
    out["line"] = df["line"]
    return out


def source_series(codes: pd.Series, system: str) -> tuple[pd.Series, pd.Series]:
    """(series, breakdown) of each source code through source_codes.csv (NaN where unmapped), one look-up per code."""
    mapping = ref.source_code_map(system)
    return (codes.map({code: series for code, (series, _) in mapping.items()}),
            codes.map({code: breakdown for code, (_, breakdown) in mapping.items()}))


def exclude_missing(df: pd.DataFrame, value_column: str, file_label: str, *, label_column: str | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split off records whose value is a missing marker ('', '...').

    They are not observations, but they were read, so they are quarantined as `excluded` / `missing_value` and the
    file still balances (read = staged + quarantined). `label_column` names each record's own source column (for
    grids, where one line holds many values).
    """
    missing = ~not_blank(df[value_column])
    held = df[missing]
    labels = [str(v) for v in held[label_column].tolist()] if label_column else [value_column] * len(held)
    values = held[value_column].astype(object).tolist()
    problems = [quarantine_row(file_label, int(line), column, "missing_value", value,
                               f"{file_label} line {line}, column {column!r}: no value ({str(value)!r}); not "
                               "available in the source.", severity="excluded")
                for line, column, value in zip(held["line"].tolist(), labels, values)]
    return df[~missing], quarantine_frame(problems)


def resolve_names(df: pd.DataFrame, name_column: str, file_label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`resolve_areas` for sources that name economies without codes: exact normalised name match, never a guess."""
    return resolve_areas(df.assign(_no_code=""), "_no_code", file_label, name_column=name_column)


def combine_results(results: list[AdapterResult], notes: list[str] | None = None) -> AdapterResult:
    """One result for a file read in parts (the sheets of a workbook): counts add up, frames are concatenated."""
    frames = [r.observations for r in results if len(r.observations)]
    names = dict.fromkeys(name for r in results for name in r.tables)
    tables = {name: pd.concat([r.tables[name] for r in results if name in r.tables], ignore_index=True)
              for name in names}
    return AdapterResult(observations_frame(pd.concat(frames, ignore_index=True)) if frames else observations_frame(),
                         concat_quarantine(*[r.quarantine for r in results]),
                         rows_read=sum(r.rows_read for r in results),
                         notes=[n for r in results for n in r.notes] + (notes or []), tables=tables)


def first_row(path: Path, head: bytes) -> list[str]:
    """The first non-empty row of a text table (split_line) or of a workbook's first sheet, for detect(): a workbook
    is read within its limits (and kept for the adapter that then reads it)."""
    rows = leading_rows(path, head, 1)
    return [c.strip() for c in rows[0]] if rows else []


def leading_rows(path: Path, head: bytes, count: int) -> list[list[str]]:
    """The first `count` non-empty rows of a table: of an .xls or .xlsx workbook's first sheet, or of a delimited
    text (its first bytes `head`, each line split by split_line), for recognising a file with a preamble."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        rows = next(iter(workbook_sheets(path, path.name).values()), [])
        return [cells for _, cells in rows if not is_blank(cells)][:count]
    lines = [ln for ln in head.decode("utf-8", "ignore").lstrip("\ufeff").splitlines() if ln.strip()]
    return [split_line(line) for line in lines[:count]]


def split_line(text: str) -> list[str]:
    """One line of a delimited text split by the delimiter among DELIMITERS that gives the most fields (a comma first
    when two give as many), for recognising a file whatever its spreadsheet wrote between fields."""
    return max((next(csv.reader([text], delimiter=d), []) for d in DELIMITERS), key=len)


def read_table(path: Path, file_label: str, *, required: list[str], delimiter: str = ",",
               skip_lines: int = 0) -> DelimitedFile:
    """A table under one header row: delimited text (core.parsing.read_delimited: the format's delimiter, or a tab or
    semicolon when only that one splits the header), or the first sheet of an .xls or .xlsx workbook, whose header is
    the first row holding every required label (rows above it are a preamble, as `skip_lines` skips in a text) and
    whose records carry their sheet row as `line`: every adapter of a text format reads its table saved as a
    workbook too."""
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return read_delimited(path, file_label, delimiter=delimiter, skip_lines=skip_lines, required=required)
    sheets = workbook_sheets(path, file_label)
    rows = [(n, cells) for n, cells in next(iter(sheets.values()), []) if not is_blank(cells)]
    if not rows:
        raise FileError("empty_file", f"{file_label} has no header row in sheet {next(iter(sheets), '?')!r}.")
    at = next((i for i, (_, cells) in enumerate(rows) if set(required) <= {c.strip() for c in cells}), 0)
    (header_line, header), body = rows[at], rows[at + 1:]
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise FileError("missing_column", f"{file_label} has no column {missing[0]!r} (header on row {header_line}: "
                        f"{', '.join(h for h in header if h)}).", column=missing[0], line=header_line)
    records = [Record(n, dict(zip(header, cells + [""] * (len(header) - len(cells))))) for n, cells in body]
    return DelimitedFile.from_records(header, records, [], len(records))


def value_cells(df: pd.DataFrame, columns: list[str], *, keep_empty: bool = False) -> pd.DataFrame:
    """Wide to long: one record per value cell, its column label in `header` and its text in `value` (the shape
    `_excel.validate_cells` checks). Empty cells are not records unless `keep_empty`."""
    ids = [c for c in df.columns if c not in columns]
    rows, width = len(df), len(columns)
    cells = df[ids].iloc[np.repeat(np.arange(rows), width)].reset_index(drop=True)   # line by line, cells in order
    cells["header"] = pd.Series(np.tile(np.array(columns, dtype=object), rows), dtype="string")
    by_column = pa.chunked_array([pa.array(df[c].astype("string").array).cast(pa.string()) for c in columns],
                                 pa.string())
    row_major = (np.arange(rows)[:, None] + np.arange(width)[None, :] * rows).ravel()
    cells["value"] = pd.Series(pd.arrays.ArrowStringArray(by_column.take(pa.array(row_major, pa.int64()))))
    if not keep_empty:
        cells = cells[not_blank(cells["value"])]
    return cells.sort_values("line", kind="stable").reset_index(drop=True)


_CODE_LIKE = r"[A-Z][A-Z0-9_]{1,9}"


def split_trailer(df: pd.DataFrame, code_column: str, file_label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split off the notes below a table: the run of lines at the end of the file without an economy code
    (footnotes such as '1/ ...', 'Data from database' and 'Last updated' lines, legends, empty separator lines).
    They are read, so each is quarantined as excluded / `footnote` rather than dropped."""
    is_code = df[code_column].fillna("").str.strip().str.fullmatch(_CODE_LIKE).fillna(False).tolist()
    start = len(is_code)
    while start > 0 and not is_code[start - 1]:
        start -= 1
    trailer = df.iloc[start:]
    problems = []
    for _, row in trailer.iterrows():
        text = " | ".join(str(v).strip() for c, v in row.items() if c != "line" and pd.notna(v) and str(v).strip())
        what = f"a note below the table ({text!r})" if text else "an empty separator line below the table"
        problems.append(quarantine_row(file_label, int(row["line"]), code_column, "footnote", text,
                                       f"{file_label} line {row['line']}: {what}, not data.", severity="excluded"))
    return df.iloc[:start], quarantine_frame(problems)


def resolve_m49(df: pd.DataFrame, code_column: str, file_label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`resolve_areas` for UN M49 numbers ('4', '004'). An M49 region or grouping (1 World, 419 Latin America and
    the Caribbean, 199 LDCs...: listed in source_aggregates.csv) is excluded; any other unknown number quarantined."""
    def iso3(code: object) -> str:
        text = str(code).strip()
        return ref.m49_to_iso3().get(int(text), str(int(text))) if text.isdigit() else text
    return resolve_areas(df.assign(**{code_column: df[code_column].map(iso3)}), code_column, file_label)


def reference_rows(df: pd.DataFrame, attributes: dict[str, str], *, source: str, file_label: str) -> pd.DataFrame:
    """Reference rows from a located frame (`ref_area`, `line`): one per non-empty cell of the attribute columns
    ({source column: attribute name}); an empty or '..' cell says nothing and is not a record."""
    cells = value_cells(df[["ref_area", "line", *attributes]], list(attributes))
    return reference_frame(pd.DataFrame({"ref_area": cells["ref_area"], "attribute": cells["header"].map(attributes),
                                         "value": cells["value"].str.strip(), "source": source, "file": file_label,
                                         "line": cells["line"]}))


def indicator_reference_file(path: Path, file_label: str, *, model: type, attributes: dict[str, str], source: str
                             ) -> AdapterResult:
    """A CSV that describes indicators, not economies (metadata, catalogues): each line's attribute cells become
    reference rows with ref_area "_Z"; a line failing `model` is one record held back."""
    columns = list(attributes)
    parsed = read_table(path, file_label, required=columns)
    valid, bad = split_valid(raw_frame(parsed, columns), model, file_label=file_label)
    reference = reference_rows(valid.assign(ref_area="_Z"), attributes, source=source, file_label=file_label)
    quarantine = concat_quarantine(parsed.problems, bad)
    return AdapterResult(observations_frame(), quarantine, rows_read=len(quarantine) + len(reference),
                         reference=reference)


def first_per_economy(df: pd.DataFrame, code_column: str, file_label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For files that describe each economy once (code lists, metadata): a later line for an economy that already
    had one is held back as `duplicate_economy`, naming the line that is staged."""
    repeated = df["ref_area"].duplicated(keep="first")
    first = df.groupby("ref_area")["line"].transform("first")
    problems = [quarantine_row(file_label, int(line), code_column, "duplicate_economy", code,
                               f"{file_label} line {line}: {code!r} ({area}) is already described on line {head}; "
                               "only that line is staged.")
                for line, code, area, head in zip(df.loc[repeated, "line"], df.loc[repeated, code_column],
                                                  df.loc[repeated, "ref_area"], first[repeated])]
    return df[~repeated], quarantine_frame(problems)
