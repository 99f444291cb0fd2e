"""A published contract's row checks as DuckDB SQL, generated from its Pandera schema (schemas/published).

Pandera in pandas spent seconds per release on checks DuckDB evaluates in one scan; the Pandera model stays the one
statement of each table's rules: not-null, the built-in column checks the contracts use (isin, greater/less than or
equal to, string length, string pattern) and unique columns become SQL here, with Pandera's semantics (a check skips
nulls, and NaN is null in a float column); dtypes are still coerced by Pandera. A schema holding any other check has
no SQL form (`sql_checks` returns None) and is validated by Pandera as before. tests/foundation/test_contract_checks.py
shows both reject the same values.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import pandera.pandas as pa

FAILURE_COLUMNS = ["column", "check", "failure_case"]
SAMPLE = 5   # failing values listed per check


@dataclass(frozen=True)
class SqlCheck:
    column: str
    check: str          # Pandera's name for it (not_nullable, isin, ..., field_uniqueness)
    violation: str      # SQL condition true for a failing row; `$p` is its bound parameter
    param: object = None


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column_checks(name: str, column: pa.Column) -> list[SqlCheck] | None:
    dtype = str(column.dtype).lower()
    # A text column is checked as text whatever DuckDB typed it: a column with no value in a small release comes out
    # of pandas as DOUBLE, and Pandera coerces it to text before its own checks.
    col = f"CAST({quoted(name)} AS VARCHAR)" if dtype.startswith("str") else quoted(name)
    null = f"({col} IS NULL OR isnan({col}))" if dtype.startswith("float") else f"{col} IS NULL"
    checks = [] if column.nullable else [SqlCheck(name, "not_nullable", null)]
    for check in column.checks:
        stats = check.statistics
        if check.name == "isin":
            condition, param = f"NOT list_contains($p, {col})", list(stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            condition, param = f"NOT ({col} >= $p)", stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            condition, param = f"NOT ({col} <= $p)", stats["max_value"]
        elif check.name == "str_length" and stats.get("exact_value") is None:
            bounds = [f"length({col}) < {int(stats['min_value'])}"] if stats.get("min_value") is not None else []
            bounds += [f"length({col}) > {int(stats['max_value'])}"] if stats.get("max_value") is not None else []
            condition, param = " OR ".join(bounds) or "false", None
        elif check.name == "str_matches":   # Python's re.match: anchored at the start only
            condition, param = f"NOT regexp_matches({col}, '^(?:' || $p || ')')", stats["pattern"]
        else:
            return None
        checks.append(SqlCheck(name, check.name, f"NOT {null} AND ({condition})", param))
    if column.unique:
        checks.append(SqlCheck(name, "field_uniqueness",
                               f"{col} IN (SELECT {col} FROM _checked GROUP BY ALL HAVING count(*) > 1)"))
    return checks


def sql_checks(schema: pa.DataFrameSchema) -> list[SqlCheck] | None:
    """The schema's row checks in SQL, or None when one of them has no SQL form (then Pandera checks the table)."""
    if schema.checks or schema.unique:
        return None
    found = []
    for name, column in schema.columns.items():
        checks = _column_checks(name, column)
        if checks is None:
            return None
        found += checks
    return found


def failures(con: duckdb.DuckDBPyConnection, checks: list[SqlCheck], rows: str) -> pd.DataFrame:
    """Up to SAMPLE failing values of each check (FAILURE_COLUMNS) among the rows of the table or view `rows`: one
    scan counts every check's failures; only a failing check is asked for its values."""
    if not checks:
        return pd.DataFrame(columns=FAILURE_COLUMNS)
    scope = f"WITH _checked AS (SELECT * FROM {rows}) "
    params = {f"p{n}": c.param for n, c in enumerate(checks) if "$p" in c.violation}
    counts = con.execute(scope + "SELECT " + ", ".join(
        f"count_if({c.violation.replace('$p', f'$p{n}')})" for n, c in enumerate(checks)) + " FROM _checked",
        params).fetchall()[0]
    found = [(c, con.execute(f"{scope}SELECT DISTINCT CAST({quoted(c.column)} AS VARCHAR) FROM _checked "
                             f"WHERE {c.violation} ORDER BY 1 NULLS FIRST LIMIT {SAMPLE}",
                             {"p": c.param} if "$p" in c.violation else {}).fetchall())
             for c, n in zip(checks, counts) if n]
    return pd.DataFrame([(c.column, c.check, value) for c, rows in found for (value,) in rows], columns=FAILURE_COLUMNS)
