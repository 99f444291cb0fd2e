"""Small helpers that turn frames into Dagster metadata (row counts, previews, per-file tables)."""

import dagster as dg
import pandas as pd


def preview(df: pd.DataFrame, rows: int = 10) -> dg.MetadataValue:
    return dg.MetadataValue.md(df.head(rows).to_markdown(index=False) if len(df) else "_empty_")


def table_counts(df: pd.DataFrame, by: str) -> dg.MetadataValue:
    return dg.MetadataValue.md(df.groupby(by).size().rename("rows").reset_index().to_markdown(index=False)
                               if len(df) else "_none_")
