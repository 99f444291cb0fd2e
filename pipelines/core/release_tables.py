"""Turn the published contracts into TableOutputs: read each table's rows, check its contract, describe its fields.

The contracts are the Pandera models of schemas/published. Which of them an indicator feeds, in which order its rows
are sorted and which codelists come from the specs is declared by the indicator spec (`publish:`); by default a table
is the contract's columns of the spec's table in the declared order, and `release` is added here, once.
"""
from __future__ import annotations

import importlib
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd
import pandera.pandas as pa

from pipelines.core import agreement, contract_checks, warehouse
from pipelines.core.publish import TableOutput, frictionless_type
from schemas.published import published_models

RELEASE = "release"


class ContractError(Exception):
    """A published table does not meet its contract; publishing is blocked."""

    def __init__(self, table: str, message: str):
        super().__init__(message)
        self.table = table


@dataclass(frozen=True)
class Contract:
    """A published table: its model, its schema (codelists derived from the specs applied), the SQL its rows come
    from with the parameters that SQL may name, and the warehouse tables it needs."""
    table: str
    model: type[pa.DataFrameModel]
    schema: pa.DataFrameSchema
    sql: str
    requires: tuple[str, ...]
    params: dict = field(default_factory=dict, compare=False)

    @property
    def meta(self) -> dict:
        return self.model.Config.metadata


def default_query(schema: pa.DataFrameSchema, source: str, sort: tuple[str, ...]) -> str:
    """The contract's columns (but `release`) of `source`, in the declared sort order ('col' or 'col DESC')."""
    columns = ", ".join(contract_checks.quoted(c) for c in schema.columns if c != RELEASE)
    keys = ", ".join(" ".join([contract_checks.quoted(k.split()[0]), *k.split()[1:]]) for k in sort)
    return f"SELECT {columns} FROM {contract_checks.quoted(source)} ORDER BY {keys}"


def _model(reference: str) -> type[pa.DataFrameModel]:
    module, name = reference.split(":")
    return getattr(importlib.import_module(module), name)


def _spec_contract(pub, lists: dict) -> Contract:
    model = _model(pub.contract)
    schema = model.to_schema()
    for column, listed in pub.codelists:
        schema = schema.update_column(column, checks=[pa.Check.isin(lists[listed])])
    sql = pub.sql.read_text(encoding="utf-8") if pub.sql else default_query(schema, pub.source, pub.sort)
    return Contract(pub.table, model, schema, sql, (pub.source,), lists)


def _foundation_contract(model: type[pa.DataFrameModel]) -> Contract:
    meta = model.Config.metadata
    requires = tuple(meta.get("requires", [meta["table"]]))
    if "sort" in meta:
        schema = model.to_schema()
        return Contract(meta["table"], model, schema, default_query(schema, requires[0], tuple(meta["sort"])), requires)
    path = Path(meta.get("sql_root", warehouse.SQL_DIR)) / meta["sql"]
    if not path.is_file():
        raise FileNotFoundError(f"published contract {model.__name__} ({meta['table']}): no indicator spec publishes "
                                f"it (publish:) and its SQL {path} does not exist")
    return Contract(meta["table"], model, model.to_schema(), path.read_text(encoding="utf-8"), requires)


def contracts(publications: dict, lists: dict) -> dict[str, Contract]:
    """Every published table: those the indicator specs publish (`publications`, from indicators.loader, with the
    registry `lists` their codelists and SQL use), and the foundation's contracts no spec claims."""
    found = {t: _spec_contract(p, lists) for t, p in publications.items()}
    found |= {t: _foundation_contract(m) for t, m in published_models().items() if t not in publications}
    return dict(sorted(found.items()))


def build_table(con: duckdb.DuckDBPyConnection, contract: Contract, release: str) -> TableOutput:
    """The contract's rows, fetched once as Arrow and checked there by DuckDB before they become a frame with the
    contract's dtypes. Arrow, not a temp table of the release database: the quarantine's 1.3M rows at scale 10 were
    written to the database (and spilled) only to be read back; Arrow keeps strings out of Python objects."""
    meta = contract.meta
    sql = contract.sql.strip().rstrip(";")
    params = {**contract.params, "release": release}
    names = [r[0] for r in con.execute(f"DESCRIBE {sql}", warehouse.bound(sql, params)).fetchall()]
    missing = [c for c in contract.schema.columns if c not in names and c != RELEASE]
    if missing:
        raise ContractError(contract.table, _broken(contract, f"its query gives no column {', '.join(missing)}"))
    if RELEASE in contract.schema.columns and RELEASE not in names:
        sql = f"SELECT *, CAST($release AS VARCHAR) AS {RELEASE} FROM ({sql})"
    rows = con.sql(sql, params=warehouse.bound(sql, params)).to_arrow_table()
    checked = _check_in_sql(contract, con, rows)
    frame = rows.to_pandas(split_blocks=True, self_destruct=True)   # Arrow's buffers freed as columns convert:
    del rows   # at scale 10 the quarantine holds 0.5 GB of text, not to be held twice while building beside others
    frame = _typed(contract, frame, checked)
    fields = [{"name": name, "type": frictionless_type(col.dtype), "description": col.description or ""}
              for name, col in contract.schema.columns.items()]
    return TableOutput(contract.table, frame.reset_index(drop=True), meta["title"], meta["description"], fields,
                       list(meta["primary_key"]))


def validated(contract: Contract, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the contract's dtypes, once its rows pass the contract's checks."""
    con = duckdb.connect(":memory:", config={"threads": 1})
    try:
        checked = _check_in_sql(contract, con, frame)
    finally:
        con.close()
    return _typed(contract, frame, checked)


def _check_in_sql(contract: Contract, con: duckdb.DuckDBPyConnection, rows) -> bool:
    """Check `rows` (an Arrow table or a frame) in DuckDB SQL generated from the contract's schema
    (pipelines.core.contract_checks); False when a check has no SQL form, so Pandera checks the frame. A failure
    raises ContractError."""
    checks = contract_checks.sql_checks(contract.schema)
    if checks is None:
        return False
    con.register("_checked_rows", rows)
    try:
        failed = contract_checks.failures(con, checks, "_checked_rows")
    finally:
        con.unregister("_checked_rows")
    if len(failed):
        raise ContractError(contract.table, _broken(contract, failed.to_string(index=False)))
    return True


def _typed(contract: Contract, frame: pd.DataFrame, checked: bool) -> pd.DataFrame:
    """The frame in contract column order with the contract's dtypes: coerced when its rows passed the checks in
    SQL, else validated by Pandera. A failure raises ContractError."""
    frame = frame[list(contract.schema.columns)]
    try:
        return contract.schema.coerce_dtype(frame) if checked else contract.schema.validate(frame, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
        cases = getattr(exc, "failure_cases", None)
        sample = cases.head(5).to_string(index=False) if isinstance(cases, pd.DataFrame) else str(exc)
        raise ContractError(contract.table, _broken(contract, sample)) from exc


def _broken(contract: Contract, sample: str) -> str:
    return f"published table {contract.table!r} breaks its contract ({contract.model.__name__}):\n{sample}"


def build_each(pool: Executor, con: duckdb.DuckDBPyConnection, release: str, contracts: dict[str, Contract],
               first: tuple[str, ...] = (), then: Callable[[TableOutput], TableOutput] = lambda table: table
               ) -> dict[str, Future]:
    """Start building every published table whose source tables exist in this release's database (build_table, each
    on a cursor of its own, those named in `first` first, and `then` applied to it, e.g. writing it) on `pool`; their
    futures by table, in the contracts' order.
    A table's query and its Arrow conversion release the GIL, so the quarantine of a large release, which takes
    seconds, need not hold up the others. Their queries sum no value (tests/foundation/test_parallel_sql.py), so no
    table depends on what is built beside it."""
    chosen = [c for c in contracts.values() if all(warehouse.table_exists(con, t) for t in c.requires)]

    def build(contract: Contract) -> TableOutput:
        cursor = con.cursor()
        try:
            table = build_table(cursor, contract, release)
        finally:
            cursor.close()
        return then(table)

    started = {c.table: pool.submit(build, c) for c in sorted(chosen, key=lambda c: c.table not in first)}
    return {c.table: started[c.table] for c in chosen}


def check_agreement(tables: list[TableOutput], contracts: dict[str, Contract]) -> int:
    """One value per figure across the release's published tables (pipelines.core.agreement); raises
    agreement.DisagreementError, which blocks publishing, when two tables disagree."""
    return agreement.check({t.name: (t.frame, contracts[t.name].meta.get("figures", [])) for t in tables})
