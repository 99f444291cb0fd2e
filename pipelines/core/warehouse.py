"""The embedded DuckDB warehouse: one database file per release, written by one process at a time.

SQL lives in .sql files; parameters are bound (`$name`), never formatted into the text.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"
MEMORY_LIMIT = "1GB"   # per release database connection (one at a time)
# Publishing sorts each table into Arrow, then pandas and Parquet hold it beside DuckDB, while other tables are built
# and checked beside it: at scale 10 the quarantine's sort spilling beyond 320 MB costs no measurable time, and the
# step's peak falls from 1.9 to 1.6-1.7 GB (from 1.99 to 1.55 GB at 512 MB when the tables were built one by one).
PUBLISH_MEMORY_LIMIT = "320MB"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def database_path(warehouse_dir: Path, release: str) -> Path:
    return Path(warehouse_dir) / "duckdb" / f"{release}.duckdb"


@contextmanager
def connect(warehouse_dir: Path, release: str, read_only: bool = False, memory_limit: str = MEMORY_LIMIT,
            parallel: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """The release database. One thread by default: parallel hash aggregation sums floating-point values in a
    varying order, and the last bits of a sum must not differ between two runs of the same release (byte-identical
    Parquet). `parallel`: DuckDB uses every core, for a step whose statements sum no floating-point value (staging
    and publishing, held to that by tests/foundation/test_parallel_sql.py), where only the order of
    unsorted rows could vary and every table that keeps its order is sorted by its key.
    MEMORY_LIMIT: beyond it DuckDB spills to <release>.duckdb.tmp, so a large release fits beside the Python side
    (scale 10 staging: 1.65 GB peak instead of 2.85 GB, same rows, about a third slower)."""
    path = database_path(warehouse_dir, release)
    path.parent.mkdir(parents=True, exist_ok=True)
    threads = {} if parallel else {"threads": 1}
    con = duckdb.connect(str(path), read_only=read_only, config={**threads, "memory_limit": memory_limit})
    try:
        yield con
    finally:
        con.close()


def bound(sql: str, params: dict | None) -> dict:
    """Only the parameters the statement names (DuckDB rejects unused named parameters)."""
    wanted = set(_PARAM.findall(sql))
    missing = wanted - set(params or {})
    if missing:
        raise KeyError(f"SQL parameter(s) {sorted(missing)} not supplied")
    return {k: v for k, v in (params or {}).items() if k in wanted}


def query(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    return con.execute(sql, bound(sql, params)).df()


def run_file(con: duckdb.DuckDBPyConnection, path: Path, params: dict | None = None) -> pd.DataFrame:
    """Run one SELECT stored in a .sql file and return its result."""
    return query(con, Path(path).read_text(encoding="utf-8"), params)


def write_table(con: duckdb.DuckDBPyConnection, name: str, df: pd.DataFrame, temp: bool = False) -> int:
    """Replace table `name` with the frame's contents (column order and types kept); `temp`: a session table."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"bad table name {name!r}")
    con.register("_incoming", df)
    try:
        con.execute(f"CREATE OR REPLACE {'TEMP ' if temp else ''}TABLE {name} AS SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")
    return len(df)


def create_from_file(con: duckdb.DuckDBPyConnection, name: str, path: Path, params: dict | None = None,
                     temp: bool = False) -> int:
    """CREATE OR REPLACE TABLE name AS <the SELECT in path>, with bound parameters; returns the row count. `temp`: a
    session table."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"bad table name {name!r}")
    sql = Path(path).read_text(encoding="utf-8").strip().rstrip(";")
    con.execute(f"CREATE OR REPLACE {'TEMP ' if temp else ''}TABLE {name} AS {sql}", bound(sql, params))
    return int(con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0])


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchall()[0][0])
