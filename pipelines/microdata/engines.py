"""Where the estimator's SQL runs: DuckDB in this process (the default), or Apache Spark (`engine: spark` in
config.yaml). Both run the same statements (statements.py); an engine only knows how to read the respondent files,
keep a temp table, run a query and hand a table over to the DuckDB connection that holds the results (for DuckDB,
its own: nothing is copied). Spark lives in spark_engine.py so that pyspark is imported only when chosen; neither
imports pandas, which `isoc microdata estimate` does not pay for."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from pipelines.microdata import statements

ENGINES = ("duckdb", "spark")
# DuckDB's integer types: a column stored as one of them has integer footer ranges (footer_ranges.sql) and whole values
INTEGER_TYPES = ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"]
MAX_ID_SPAN = 1 << 26       # ids spread wider in a file (8 MB of bits) are grouped instead (DuckDBEngine.proven)


class MicrodataEngineError(Exception):
    """An engine that cannot run as configured (names the setting to change); never replaced by another engine."""


@dataclass(frozen=True)
class Proven:
    """What an engine has shown cannot fail in the current files, so that the checks leave it out (quarantine.sql,
    households.sql): answer columns whose every value is 0, 1 or empty; files (by index) without a repeated person
    id; whether no household's members disagree. Nothing shown (the default) means every row is checked."""
    answers_in_range: list[str] = field(default_factory=list)
    unique_person_files: list[int] = field(default_factory=list)
    consistent_households: bool = False


class DuckDBEngine:
    """In-process DuckDB over the Parquet files (each query reads the files again: nothing is loaded in memory)."""

    dialect = statements.DUCKDB

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.con.execute((statements.SQL / "source.sql").read_text(encoding="utf-8"))
        self.files: list[str] = []
        self.kept: set[str] = set()
        self.views: set[str] = set()

    def use_files(self, files: list[str]) -> None:
        """The files the next statements read; file_index is the position in this list."""
        self.files = list(files)

    def _run(self, sql: str, params: dict) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, self.dialect.bound(sql, params | {"files": self.files}))

    def records(self, name: str, params: dict | None = None, **context) -> list[dict]:
        result = self._run(statements.render(name, self.dialect, **context), params or {})
        names = [d[0] for d in result.description]
        return [dict(zip(names, row)) for row in result.fetchall()]

    def keep(self, table: str, name: str, params: dict | None = None, **context) -> None:
        """Temp table `table` from the statement sql/<name>."""
        sql = statements.render(name, self.dialect, **context).strip().rstrip(";")
        self._drop(table)
        self._run(f"CREATE TEMP TABLE {table} AS {sql}", params or {})
        self.kept.add(table)

    def view(self, table: str, name: str, **context) -> None:
        """Temp view `table` of the statement sql/<name>: for a statement that only renames what a kept table holds,
        which copying would cost as much as computing it."""
        sql = statements.render(name, self.dialect, **context).strip().rstrip(";")
        self._drop(table)
        self.con.execute(f"CREATE TEMP VIEW {table} AS {sql}")
        self.views.add(table)

    def _drop(self, name: str) -> None:
        """Whatever the last batch kept under this name: a table and a view cannot replace each other (`households`
        is either, batch by batch)."""
        kind = "VIEW" if name in self.views else "TABLE"
        self.con.execute(f"DROP {kind} IF EXISTS {name}")
        self.views.discard(name)
        self.kept.discard(name)

    def put(self, table: str, columns: dict[str, str], rows: list[tuple]) -> None:
        """Temp table `table` (columns: name -> SQL type) holding these rows."""
        put_rows(self.con, table, columns, rows)
        self.kept.add(table)

    def rounds(self) -> list[dict]:
        """The round of each current file (rounds.sql's records), from the Parquet footers when they give every
        file's exactly (footer_rounds.sql: no pass over the rows before the batches can start), else from the rows."""
        index = {path: i for i, path in enumerate(self.files)}
        found = self.records("footer_rounds.sql", {"integer_types": INTEGER_TYPES})
        if len(found) < len(index) or not all(r["exact"] for r in found):
            return self.records("rounds.sql")
        return [{"file_index": index[r["file"]]} | {k: v for k, v in r.items() if k != "exact"} for r in found]

    def proven(self, answers: list[str]) -> Proven:
        """What the checks of the current files need not look at (Proven), shown from their Parquet footers (read
        without the data) and bits over id ranges; needs the `household_values` table (households.sql). A file
        without statistics, or with ids too spread for bits, proves nothing and is checked row by row."""
        index = {path: i for i, path in enumerate(self.files)}
        stats = self.records("footer_ranges.sql", {"columns": [*answers, "person_id", "household_id"],
                                                   "integer_types": INTEGER_TYPES})
        in_range = [c for c in answers if all(
            s["is_integer"] and s["complete"] and (s["low"] is None or s["low"] >= 0)
            and (s["high"] is None or s["high"] <= 1) for s in stats if s["column_name"] == c)]
        return Proven(in_range, self._unique_ids(self.dialect.respondents, "person_id", stats, index),
                      len(self._unique_ids("household_values", "household_id", stats, index)) == len(self.files))

    def _unique_ids(self, relation: str, column: str, stats: list[dict], index: dict[str, int]) -> list[int]:
        """The files (by index) in which no value of `column` repeats in `relation`, shown by one bit per id over
        the file's range of ids (from the footers). Only when every file stores the ids as integers: a batch mixing
        text and integer ids reads them all as text, which has no range."""
        of_column = [s for s in stats if s["column_name"] == column]
        if len(of_column) < len(index) or not all(s["is_integer"] for s in of_column):
            return []
        ranges = {index[s["file"]]: (int(s["low"]), int(s["high"])) for s in of_column
                  if s["complete"] and s["low"] is not None
                  and s["high"] - s["low"] < MAX_ID_SPAN and -2 ** 63 <= s["low"] and s["high"] < 2 ** 63}
        if not ranges:
            return []
        lows = [ranges[i][0] if i in ranges else None for i in range(len(self.files))]
        found = self.records("unique_ids.sql", {"lows": lows, "span": max(high - low for low, high in ranges.values())},
                             relation=relation, id=column)
        return sorted(r["file_index"] for r in found)

    def export(self, table: str, results: duckdb.DuckDBPyConnection) -> str:
        """The name under which `results` reads a kept table: the same, since results is this connection."""
        assert results is self.con, "the DuckDB engine keeps its results in its own connection"
        return table

    def close(self) -> None:
        for name in [*self.views, *self.kept]:
            self._drop(name)


def put_rows(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, str], rows: list[tuple], *,
             temporary: bool = True) -> None:
    """Table `table` from Python rows, one list per column (no pandas, no row-by-row inserts); a temp table (seen by
    this connection alone) unless `temporary` is false."""
    declared = ", ".join(f'"{c}" {t}' for c, t in columns.items())
    con.execute(f"CREATE OR REPLACE {'TEMP ' if temporary else ''}TABLE {table} ({declared})")
    if rows:
        values = [list(column) for column in zip(*rows)]
        con.execute(f"INSERT INTO {table} SELECT {', '.join(f'unnest(${i + 1})' for i in range(len(columns)))}",
                    values)


def open_engine(config: dict, con: duckdb.DuckDBPyConnection | None = None):
    """The engine config.yaml chooses (`engine`); an unknown name or a Spark that cannot start is an error. `con`:
    the DuckDB connection that will hold the results (a new in-memory one if none)."""
    name = config.get("engine") or "duckdb"
    if name == "duckdb":
        return DuckDBEngine(con or duckdb.connect())
    if name == "spark":
        from pipelines.microdata.spark_engine import SparkEngine
        return SparkEngine(config.get("spark") or {})
    raise MicrodataEngineError(f"engine: {name!r} is not an engine; choose one of {', '.join(ENGINES)} "
                               "(pipelines/microdata/config.yaml)")
