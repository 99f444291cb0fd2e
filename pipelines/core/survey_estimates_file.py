"""The survey estimates file: what the microdata estimator writes and the `survey_estimates_csv` adapter stages
(both import it from here, so pipelines.microdata and pipelines.ingest stay independent of each other).

One line per estimate (ESTIMATE_COLUMNS), the form in which a statistical office reports survey results with their
quality. Putting it in the release as a file, rather than reading microdata during a release, keeps releases small,
immutable and checksummed, and keeps respondent-level data out of them.
"""
from __future__ import annotations

import math
from pathlib import Path

import duckdb

ESTIMATE_TYPES = {"ref_area": "STRING", "time_period": "BIGINT", "survey": "STRING", "series": "STRING",
                  "breakdown": "STRING", "sex": "STRING", "age": "STRING", "urbanisation": "STRING",
                  "variable": "STRING", "unit": "STRING", "estimate": "DOUBLE", "standard_error": "DOUBLE",
                  "cv": "DOUBLE", "respondents": "BIGINT", "weighted_total": "DOUBLE", "quality": "STRING",
                  "withheld": "BOOLEAN"}
ESTIMATE_COLUMNS = list(ESTIMATE_TYPES)
ESTIMATE_KEY = ESTIMATE_COLUMNS[:8]


def sql_literal(path: Path) -> str:
    """A path as an SQL string literal (COPY takes no bound parameter for its target)."""
    return "'" + str(path).replace("'", "''") + "'"


# Decimals kept in the file: DuckDB's parallel sums differ between runs in the last bits, so without rounding two
# runs over the same files would write different text. Measured on three synthetic rounds, run against run: estimates
# up to 4e-14, CVs 3e-14, weighted totals 3e-11, and standard errors up to 1.1e-12 (their formula subtracts nearly
# equal sums). At 10 decimals a value that close to a rounding boundary came out differently in about half of the runs
# (tests/microdata/test_command.py); at these, about one value in a million does (the SE's chance falls 10^4-fold,
# the estimate's 10^2-fold), so two runs write the same bytes nearly always, not always. Still far below any published
# precision (percent estimates and their SEs, people as weighted totals). Sums that do not depend on the order
# (compensated or exact) would remove the cause; see docs/microdata.md.
DECIMALS = {"estimate": 8, "standard_error": 6, "cv": 8, "weighted_total": 4}


def estimates_select(relation: str, *, rounded: bool) -> str:
    """SQL for the estimates of `relation` sorted by their key; `rounded`: the floats as every file shows them
    (DECIMALS), so that the economy's Parquet, this file and the staged observations give one value."""
    columns = ", ".join(f"round({c}, {DECIMALS[c]}) AS {c}" if rounded and c in DECIMALS else c
                        for c in ESTIMATE_COLUMNS)
    return f"SELECT {columns} FROM {relation} ORDER BY {', '.join(ESTIMATE_KEY)}"


def copy_estimates_csv(con: duckdb.DuckDBPyConnection, relation: str, path: Path, params: dict | None = None) -> int:
    """Write the estimates of `relation` (estimates_select, rounded) by DuckDB: withheld as true/false, empty for
    none. Returns the lines written (without the header)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sql = f"COPY ({estimates_select(relation, rounded=True)}) TO {sql_literal(path)} (FORMAT csv, HEADER)"
    return int(con.execute(sql, params or {}).fetchone()[0])


def note(standard_error: float, respondents: int, cv: float | None, quality: str) -> str:
    """The observation note that carries an estimate's quality into the staged observations."""
    cv_text = "n/a" if cv is None or math.isnan(cv) else f"{100 * cv:.1f}%"
    flag = "" if quality == "ok" else f"; flagged: {quality.replace('_', ' ')}"
    return (f"Survey estimate: standard error {standard_error:.4g} percentage points, {respondents} respondents, "
            f"CV {cv_text}{flag}")
