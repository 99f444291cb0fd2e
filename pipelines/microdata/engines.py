"""Where the estimator's SQL runs: DuckDB in this process (the default), or Apache Spark (`engine: spark` in
config.yaml). Both run the same statements (statements.py); an engine only knows how to read the respondent files,
keep a temp table and run a query. Spark lives in spark_engine.py so that pyspark is imported only when chosen."""
from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.core.warehouse import bound, write_table
from pipelines.microdata import statements

ENGINES = ("duckdb", "spark")


class MicrodataEngineError(Exception):
    """An engine that cannot run as configured (names the setting to change); never replaced by another engine."""


class DuckDBEngine:
    """In-process DuckDB over the Parquet files (each query reads the files again: nothing is loaded in memory)."""

    dialect = statements.DUCKDB

    def __init__(self, con: duckdb.DuckDBPyConnection | None = None):
        self.own = con is None
        self.con = con or duckdb.connect()
        self.con.execute((statements.SQL / "source.sql").read_text(encoding="utf-8"))
        self.files: list[str] = []

    def use_files(self, files: list[str]) -> None:
        """The files the next statements read; file_index is the position in this list."""
        self.files = list(files)

    def _run(self, sql: str, params: dict) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, bound(sql, params | {"files": self.files}))

    def query(self, name: str, params: dict | None = None, **context) -> pd.DataFrame:
        return self._run(statements.render(name, self.dialect, **context), params or {}).df()

    def keep(self, table: str, name: str, params: dict | None = None, **context) -> None:
        """Temp table `table` from the statement sql/<name>."""
        sql = statements.render(name, self.dialect, **context).strip().rstrip(";")
        self._run(f"CREATE OR REPLACE TEMP TABLE {table} AS {sql}", params or {})

    def query_table(self, table: str) -> pd.DataFrame:
        return self.con.execute(f"SELECT * FROM {table}").df()

    def put(self, table: str, frame: pd.DataFrame) -> None:
        write_table(self.con, table, frame, temp=True)

    def close(self) -> None:
        if self.own:
            self.con.close()


def open_engine(config: dict, con: duckdb.DuckDBPyConnection | None = None):
    """The engine config.yaml chooses (`engine`); an unknown name or a Spark that cannot start is an error."""
    name = config.get("engine") or "duckdb"
    if name == "duckdb":
        return DuckDBEngine(con)
    if name == "spark":
        from pipelines.microdata.spark_engine import SparkEngine
        return SparkEngine(config.get("spark") or {})
    raise MicrodataEngineError(f"engine: {name!r} is not an engine; choose one of {', '.join(ENGINES)} "
                               "(pipelines/microdata/config.yaml)")
