"""The quarantine record: what every adapter, staging and the validation of a contract return for a value they
hold back (published as `quarantine`), and the error for a file that cannot be read at all."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

QUARANTINE_COLUMNS = ["file", "line", "column", "rule", "value", "reason", "severity"]
QUARANTINE_DTYPES = {"file": "string", "line": "Int64", "column": "string", "rule": "string", "value": "string",
                     "reason": "string", "severity": "string"}


class FileError(Exception):
    """A file that cannot be read at all (empty, missing column, renamed sheet...)."""

    def __init__(self, rule: str, reason: str, column: str = "*", line: int = 0):
        super().__init__(reason)
        self.rule, self.reason, self.column, self.line = rule, reason, column, line


def quarantine_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    if not rows:
        return empty_frame(QUARANTINE_DTYPES)
    return pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=t) for c, t in QUARANTINE_DTYPES.items()})


def empty_frame(dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with no rows and these columns and dtypes, copied from one typed once: most adapter results hold some
    empty frames, and typing one column by column cost each file read about a millisecond."""
    return _typed_empty(tuple(dtypes.items())).copy()


@lru_cache(maxsize=None)
def _typed_empty(dtypes: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype=dtype) for column, dtype in dtypes})


def quarantine_row(file: str, line: int | None, column: str, rule: str, value: object, reason: str,
                   severity: str = "error") -> dict:
    """One quarantine record: where, which rule, and a sentence a statistician understands."""
    return {"file": file, "line": line, "column": column, "rule": rule,
            "value": None if value is None else str(value)[:200], "reason": reason, "severity": severity}
