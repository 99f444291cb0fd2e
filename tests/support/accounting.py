"""Accounting and staged-model helpers shared by the ingest tests (not a test module)."""
from __future__ import annotations

import pandas as pd

from pipelines.core.canonical import AdapterResult, swallowed_lines
from schemas.staged import OBSERVATION_RULE_COLUMNS, Observation
from schemas.validation import split_valid


def records_quarantined(result: AdapterResult) -> int:
    """Quarantine records, counted as staging counts them: one per record, plus the lines a file error swallowed."""
    q = result.quarantine
    file_error = q["severity"] == "file_error"
    return int((~file_error).sum()) + sum(swallowed_lines(v) for v in q.loc[file_error, "value"])


def staged_failures(result: AdapterResult) -> pd.DataFrame:
    """What the staged Observation model rejects among the adapter's candidate observations."""
    _, bad = split_valid(result.observations, Observation, rule_columns=OBSERVATION_RULE_COLUMNS)
    return bad

