"""Steps shared by the adapters: raw frame from records, area classification, canonical rows."""
from __future__ import annotations

import pandas as pd

from pipelines.core import reference as ref
from pipelines.core.canonical import TOTAL, quarantine_frame, quarantine_row
from pipelines.core.parsing import DelimitedFile, parse_number, parse_year


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
