"""Run a Pandera model lazily and split a frame into valid rows and quarantine records.

The failure cases of `SchemaErrors` become quarantine rows naming file, line, column and rule, so a bad value
holds back its row and nothing else. A raw model whose rules every row passes is not handed to Pandera at all (see
schemas.raw._columns): Pandera, imported on first need, words the failures.
"""
from __future__ import annotations

import pandas as pd

from schemas.checks import RULES
from schemas.raw._columns import RawModel, pandera_model, passes
from schemas.quarantine import FileError, quarantine_frame, quarantine_row


def split_valid(df: pd.DataFrame, model: type, *, file_label: str | None = None,
                rule_columns: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate `df` (which has a `line` column and, unless `file_label` is given, a `file` column) with a raw model
    (schemas.raw._columns.RawModel) or a Pandera model.

    Returns (rows that pass, quarantine records: one per rejected row, named by its first broken rule and
    explaining all of them). Failures not tied to a row (a missing column) raise FileError.
    `rule_columns` names the column to report for a dataframe-wide rule (default: the first failing column).
    """
    if df.empty or (issubclass(model, RawModel) and passes(model, df)):
        return df, quarantine_frame()
    import pandera.pandas as pa
    try:
        pandera_model(model).validate(df, lazy=True)
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
    by_record: dict[object, list] = {}
    for fc in row_failures.itertuples(index=False):
        rules = by_record.setdefault(fc.index, [])
        if str(fc.check) not in [r for r, _ in rules]:
            rules.append((str(fc.check), str(fc.column)))
    records = []
    for idx, rules in by_record.items():
        rule, column = rules[0]
        column = (rule_columns or {}).get(rule, column)
        row = df.loc[idx]
        line = int(row["line"]) if pd.notna(row.get("line")) else None
        value = row[column] if column in df.columns else None
        file = file_label or str(row["file"])
        reasons = "; ".join(RULES.get(r, r) for r, _ in rules)
        records.append(quarantine_row(file, line, column, rule, value,
                                      f"{file} line {line}, column {column!r}: {reasons} (value {str(value)!r})."))
    bad_index = set(by_record)
    return df.loc[~df.index.isin(bad_index)], quarantine_frame(records)
