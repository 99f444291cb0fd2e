"""Turn the published Pandera models into TableOutputs: run each model's SQL, check the contract, describe fields."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandera.pandas as pa

from pipelines.core import agreement, warehouse
from pipelines.core.publish import TableOutput, frictionless_type
from schemas.published import published_models


class ContractError(Exception):
    """A published table does not meet its contract; publishing is blocked."""


def _sql_path(model: type[pa.DataFrameModel]) -> Path:
    sql = model.Config.metadata["sql"]
    base = Path(model.Config.metadata.get("sql_root", warehouse.SQL_DIR))
    return base / sql


def build_table(con: duckdb.DuckDBPyConnection, model: type[pa.DataFrameModel], release: str) -> TableOutput:
    meta = model.Config.metadata
    frame = warehouse.run_file(con, _sql_path(model), {"release": release})
    schema = model.to_schema()
    frame = frame[list(schema.columns)]
    try:
        frame = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        sample = exc.failure_cases.head(5).to_string(index=False)
        raise ContractError(f"published table {meta['table']!r} breaks its contract ({model.__name__}):\n{sample}") from exc
    fields = [{"name": name, "type": frictionless_type(col.dtype), "description": col.description or ""}
              for name, col in schema.columns.items()]
    return TableOutput(meta["table"], frame.reset_index(drop=True), meta["title"], meta["description"], fields,
                       list(meta["primary_key"]))


def build_all(con: duckdb.DuckDBPyConnection, release: str) -> list[TableOutput]:
    """Every published table whose source tables exist in this release's database."""
    outputs = []
    for model in published_models().values():
        needs = model.Config.metadata.get("requires", [])
        if all(warehouse.table_exists(con, t) for t in needs):
            outputs.append(build_table(con, model, release))
    return outputs



def check_agreement(tables: list[TableOutput]) -> int:
    """One value per figure across the release's published tables (pipelines.core.agreement); raises
    agreement.DisagreementError, which blocks publishing, when two tables disagree."""
    models = published_models()
    return agreement.check({t.name: (t.frame, models[t.name].Config.metadata.get("figures", [])) for t in tables})
