"""Run a Pandera model lazily and split a frame into valid rows and quarantine records.

The failure cases of `SchemaErrors` become quarantine rows naming file, line, column and rule, so a bad value
holds back its row and nothing else.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from pipelines.core.canonical import FileError, quarantine_frame, quarantine_row
from schemas.checks import RULES


def split_valid(df: pd.DataFrame, model: type[pa.DataFrameModel], *, file_label: str | None = None,
                rule_columns: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate `df` (which has a `line` column and, unless `file_label` is given, a `file` column).

    Returns (rows that pass, quarantine records). Failures not tied to a row (a missing column) raise FileError.
    `rule_columns` names the column to report for a dataframe-wide rule (default: the first failing column).
    """
    if df.empty:
        return df, quarantine_frame()
    try:
        model.validate(df, lazy=True)
        return df, quarantine_frame()
    except pa.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    row_failures = failures[failures["index"].notna()]
    table_failures = failures[failures["index"].isna()]
    if not table_failures.empty:
        first = table_failures.iloc[0]
        label = file_label or "the table"
        raise FileError("schema", f"{label} does not have the expected structure: {first['check']} "
                        f"(column {first['column']!r}).", column=str(first["column"]))
    records, seen = [], set()
    for fc in row_failures.itertuples(index=False):
        rule = str(fc.check)
        if (fc.index, rule) in seen:
            continue
        seen.add((fc.index, rule))
        column = (rule_columns or {}).get(rule, str(fc.column))
        row = df.loc[fc.index]
        line = int(row["line"]) if pd.notna(row.get("line")) else None
        value = row[column] if column in df.columns else fc.failure_case
        file = file_label or str(row["file"])
        records.append(quarantine_row(file, line, column, rule, value,
                                      f"{file} line {line}, column {column!r}: {RULES.get(rule, rule)} (value {str(value)!r})."))
    bad_index = {i for i, _ in seen}
    return df.loc[~df.index.isin(bad_index)], quarantine_frame(records)
