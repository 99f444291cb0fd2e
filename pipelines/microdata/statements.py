"""The estimator's SQL, one statement for every engine: pipelines/microdata/sql/*.sql are Jinja templates rendered
for a dialect. What differs between DuckDB and Spark SQL is kept here, small and tested
(tests/microdata/test_spark.py): how a bound parameter is written and which relation holds the respondents."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from schemas.microdata_columns import ANSWERS, COLUMNS, HOUSEHOLD_FIELDS, REQUIRED

SQL = Path(__file__).resolve().parent / "sql"


@dataclass(frozen=True)
class Dialect:
    name: str
    respondents: str          # the relation of respondent rows, with file_index, file and line
    marker: str               # how a named parameter is written: DuckDB $name, Spark :name

    def param(self, name: str) -> str:
        return f"{self.marker}{name}"

    def bound(self, sql: str, params: dict) -> dict:
        """The parameters the statement names (both engines reject unused named parameters)."""
        return {k: v for k, v in params.items() if re.search(re.escape(self.param(k)) + r"\b", sql)}


DUCKDB = Dialect("duckdb", respondents="microdata($files)", marker="$")
SPARK = Dialect("spark", respondents="respondents", marker=":")


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    """Compiled templates are kept in the user's temp folder (Jinja checks each against its source): compiling the
    statements costs a command about 0.2 s, as much as estimating a survey round."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(SQL), undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True, bytecode_cache=jinja2.FileSystemBytecodeCache())


def render(name: str, dialect: Dialect, **context) -> str:
    """The text of sql/<name> for `dialect`; every template also sees the schema's column lists."""
    return _environment().get_template(name).render(
        respondents=dialect.respondents, param=dialect.param, required=REQUIRED, answers=ANSWERS,
        columns=COLUMNS, household_fields=HOUSEHOLD_FIELDS, **context)
