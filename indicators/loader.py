"""Indicator specs: a YAML file beside one DuckDB SQL file (or a Python function), turned into warehouse tables.

Adding an indicator means adding files under indicators/<family>/, not editing a registry:

    kind: indicator
    table: sdg_17_8_1            # DuckDB table it creates (and Dagster asset name)
    title: Proportion of individuals using the Internet
    engine: sql                  # or: python
    sql: sdg_17_8_1.sql          # a SELECT; parameters as $name, bound from `params` plus $release
    function: indicators.x.y:compute   # engine python: compute(con, params) -> pandas.DataFrame
    depends_on: [observations, economies]
    optional_depends_on: [idi]   # waited for when some spec makes that table; absent ones are skipped
    params: {max_gap_years: 5}
    warn_if_rows: <sentence>     # the table lists findings: a Dagster check warns (never blocks) when it has rows
    metadata: {code: 17.8.1, definition: ..., unit: ..., sdg: ..., wsis: ...}
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb
import yaml

from pipelines.core import warehouse

INDICATORS_DIR = Path(__file__).resolve().parent
# Tables the stage step provides; anything else named in depends_on must be another indicator's table.
STAGED_TABLES = frozenset({"observations", "quarantine", "qa_findings", "ingest_files", "economies", "groups",
                           "group_members", "series_catalogue", "economy_reference", "population",
                           "gni_per_capita", "ppp_factor", "exchange_rate", "rates_from_counts",
                           "tariff_plans"})


@dataclass(frozen=True)
class IndicatorSpec:
    table: str
    title: str
    family: str
    path: Path
    engine: str = "sql"
    sql: str | None = None
    function: str | None = None
    depends_on: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    warn_if_rows: str | None = None

    def run(self, con: duckdb.DuckDBPyConnection, release: str) -> int:
        """Create this indicator's table in the release database; returns its row count."""
        params = {"release": release, **self.params}
        if self.engine == "sql":
            return warehouse.create_from_file(con, self.table, self.path.parent / self.sql, params)
        module, func = self.function.split(":")
        frame = getattr(importlib.import_module(module), func)(con, params)
        return warehouse.write_table(con, self.table, frame)


def _spec(path: Path) -> tuple[IndicatorSpec, tuple[str, ...]] | None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if raw.get("kind") != "indicator":
        return None
    engine = raw.get("engine", "sql")
    if engine == "sql" and not (path.parent / raw.get("sql", "")).is_file():
        raise FileNotFoundError(f"{path}: sql file {raw.get('sql')!r} not found beside the spec")
    if engine == "python" and ":" not in str(raw.get("function", "")):
        raise ValueError(f"{path}: engine python needs function: module:name")
    return IndicatorSpec(table=raw["table"], title=raw["title"], family=path.parent.name, path=path, engine=engine,
                         sql=raw.get("sql"), function=raw.get("function"),
                         depends_on=tuple(raw.get("depends_on", ["observations"])), params=raw.get("params") or {},
                         metadata=raw.get("metadata") or {}, warn_if_rows=raw.get("warn_if_rows")
                         ), tuple(raw.get("optional_depends_on", []))


@lru_cache(maxsize=None)
def load_specs(root: Path = INDICATORS_DIR) -> tuple[IndicatorSpec, ...]:
    """All indicator specs, in dependency order. Unknown dependencies are an error naming the spec."""
    found = [f for f in (_spec(p) for p in sorted(root.rglob("*.yaml"))) if f]
    tables = {s.table for s, _ in found}
    specs = {s.table: replace(s, depends_on=s.depends_on + tuple(d for d in optional if d in tables))
             for s, optional in found}
    for s in specs.values():
        unknown = [d for d in s.depends_on if d not in specs and d not in STAGED_TABLES]
        if unknown:
            raise ValueError(f"{s.path}: depends_on names unknown table(s) {unknown}")
    order = TopologicalSorter({t: [d for d in s.depends_on if d in specs] for t, s in specs.items()}).static_order()
    return tuple(specs[t] for t in order)


def indicator_metadata(root: Path = INDICATORS_DIR) -> list[dict]:
    """Each spec's title, parameters and metadata (definition, unit, sources...), for datapackage.json."""
    return [{"table": s.table, "title": s.title, "family": s.family, "spec": s.path.relative_to(root.parent).as_posix(),
             "params": s.params, **s.metadata} for s in sorted(load_specs(root), key=lambda s: (s.family, s.table))]
