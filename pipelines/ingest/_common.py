"""Steps shared by the adapters: raw frame from records, area classification (by code or name), missing values,
canonical rows, and combining the results of a file read in parts."""
from __future__ import annotations

import pandas as pd

from pipelines.core import reference as ref
from pipelines.core.canonical import (TOTAL, AdapterResult, concat_quarantine, observations_frame, quarantine_frame,
                                      quarantine_row)
from pipelines.core.parsing import DelimitedFile, parse_number, parse_year
from schemas.checks import not_blank


def raw_frame(parsed: DelimitedFile, columns: list[str]) -> pd.DataFrame:
    """The records as a frame of strings with their physical `line` (for the raw Pandera model)."""
    df = pd.DataFrame([{c: r.values.get(c, "") for c in columns} for r in parsed.records], columns=columns)
    df = df.astype("string")
    df["line"] = pd.Series([r.line for r in parsed.records], dtype="int64")
    return df


def resolve_areas(df: pd.DataFrame, code_column: str, file_label: str, *, name_column: str | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add `ref_area` (ISO3). Rows for a source's own aggregates are excluded and unknown codes quarantined.

    With `name_column`, a code that is empty is looked up by name (exact normalised match only, never guessed).
    """
    keep, problems = [], []
    for idx, code, line, name in zip(df.index, df[code_column], df["line"],
                                     df[name_column] if name_column else [None] * len(df)):
        iso3, kind = ref.classify_area(code) if code and str(code).strip() else (None, "unknown")
        if iso3 is None and name is not None and kind == "unknown":
            iso3 = ref.iso3_for_name(name)
            kind = "economy" if iso3 else "unknown"
        if kind == "economy":
            keep.append((idx, iso3))
        elif kind == "source_aggregate":
            problems.append(quarantine_row(file_label, int(line), code_column, "not_an_economy", code,
                                           f"{file_label} line {line}: {code!r} is the source's own aggregate, not an "
                                           "economy; the project computes aggregates itself.", severity="excluded"))
        else:
            shown = code if code and str(code).strip() else name
            problems.append(quarantine_row(file_label, int(line), code_column if code else (name_column or code_column),
                                           "unknown_economy", shown,
                                           f"{file_label} line {line}: economy {shown!r} is not in the project's list "
                                           "of economies (pipelines/reference/economies.csv, economy_names.csv)."))
    out = df.loc[[i for i, _ in keep]].copy()
    out["ref_area"] = [iso3 for _, iso3 in keep]
    return out, quarantine_frame(problems)


def canonical_rows(df: pd.DataFrame, *, series: pd.Series | str, value_column: str, year_column: str,
                   source: pd.Series | str, nature: pd.Series | str = "C", note: pd.Series | str | None = None,
                   source_code: pd.Series | str | None = None, breakdown: pd.Series | str = TOTAL,
                   sex: pd.Series | str = TOTAL, age: pd.Series | str = TOTAL, urbanisation: pd.Series | str = TOTAL,
                   file_label: str) -> pd.DataFrame:
    """Canonical observation rows from a validated raw frame that has `ref_area` and `line`.

    Rows whose value is a missing marker ('', '...') are dropped here on purpose: they are not observations.
    Callers count them as read and quarantine them with rule `missing_value` when the format forbids blanks.
    """
    out = pd.DataFrame(index=df.index)
    out["ref_area"] = df["ref_area"]
    out["time_period"] = df[year_column].map(parse_year)
    for name, value in (("series", series), ("sex", sex), ("age", age), ("urbanisation", urbanisation),
                        ("breakdown", breakdown), ("nature", nature), ("source", source), ("note", note),
                        ("source_code", source_code)):
        out[name] = value
    out["obs_value"] = df[value_column].map(lambda v: parse_number(v)[0])
    units = out["series"].map(lambda s: ref.unit_of(s) if s in ref.series_catalogue().index else (None, 0))
    out["unit_measure"] = units.map(lambda u: u[0])
    out["unit_mult"] = units.map(lambda u: u[1])
    out["file"] = file_label
    out["line"] = df["line"]
    return out


def exclude_missing(df: pd.DataFrame, value_column: str, file_label: str, *, label_column: str | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split off records whose value is a missing marker ('', '...').

    They are not observations, but they were read, so they are quarantined as `excluded` / `missing_value` and the
    file still balances (read = staged + quarantined). `label_column` names each record's own source column (for
    grids, where one line holds many values).
    """
    missing = ~not_blank(df[value_column])
    problems = []
    for _, row in df[missing].iterrows():
        column = str(row[label_column]) if label_column else value_column
        problems.append(quarantine_row(file_label, int(row["line"]), column, "missing_value", row[value_column],
                                       f"{file_label} line {row['line']}, column {column!r}: no value "
                                       f"({str(row[value_column])!r}); not available in the source.",
                                       severity="excluded"))
    return df[~missing], quarantine_frame(problems)


def resolve_names(df: pd.DataFrame, name_column: str, file_label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`resolve_areas` for sources that name economies without codes: exact normalised name match, never a guess."""
    return resolve_areas(df.assign(_no_code=""), "_no_code", file_label, name_column=name_column)


def combine_results(results: list[AdapterResult], notes: list[str] | None = None) -> AdapterResult:
    """One result for a file read in parts (the sheets of a workbook): counts add up, frames are concatenated."""
    frames = [r.observations for r in results if len(r.observations)]
    return AdapterResult(observations_frame(pd.concat(frames, ignore_index=True)) if frames else observations_frame(),
                         concat_quarantine(*[r.quarantine for r in results]),
                         rows_read=sum(r.rows_read for r in results),
                         notes=[n for r in results for n in r.notes] + (notes or []))
