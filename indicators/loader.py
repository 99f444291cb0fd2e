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
    params: {max_gap_years: 5}   # a methodology value as {value, status, source} (schemas/methodology.py): bound
                                 # as its value, published with its status in methodology_parameters
    methodology: {...}           # methodology choices not bound as params, in the same form (published likewise)
    warn_if_rows: <sentence>     # the table lists findings: a Dagster check warns (never blocks) when it has rows
    metadata: {code: 17.8.1, definition: ..., unit: ..., sdg: ..., wsis: ...}
    sdg:                         # an ITU custodian SDG indicator: its rows join sdg_indicators
      series: [IT_USE_ii99]      # its official SDG series
      aggregate:                 # absent: not aggregated; else each project series the aggregation engine fills
        INET_USERS_PCT: {kind: share, upper: 100, by_sex: true}
    catalog: {title: ..., definition: ..., source_type: ..., wsis_action_line: ...}   # its indicator_catalog row
    publish:                     # published tables this spec's table feeds, each with its Pandera contract
      - {table: sdg_indicators, contract: schemas.published.sdg:SdgIndicatorsPublished,
         sort: [indicator, area_type DESC], sql: published_x.sql, codelists: {indicator: sdg_codes}}

Every list that used to be kept by hand is derived here (`Registry`): the SDG tables and codes, which of them
aggregate and how, and the published contracts. They reach SQL as bound parameters ($sdg_tables, $sdg_codes,
$aggregated_sdg_tables, $aggregated_sdg_codes) and `depends_on` as `$name` entries that expand to those tables.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from pipelines.core import warehouse
from pipelines.core.staged_tables import staged_tables
from schemas.methodology import values
from schemas.yaml_files import read_yaml

INDICATORS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Publication:
    """A published table fed by a spec's table: its contract (module:Class), its sort order ('col' or 'col DESC')
    and, only when it is more than the contract's columns of the spec's table, its own SQL."""
    table: str
    contract: str
    sort: tuple[str, ...]
    source: str
    sql: Path | None = None
    codelists: tuple[tuple[str, str], ...] = ()   # (column, registry list): allowed values derived from the specs


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
    sdg: dict | None = None
    catalog: dict | None = None
    publish: tuple[Publication, ...] = ()
    registry: dict = field(default_factory=dict, compare=False, repr=False)

    def run(self, con: duckdb.DuckDBPyConnection, release: str) -> int:
        """Create this indicator's table in the release database; returns its row count."""
        params = {"release": release, **self.registry, **self.params}
        if self.engine == "sql":
            return warehouse.create_from_file(con, self.table, self.path.parent / self.sql, params)
        module, func = self.function.split(":")
        frame = getattr(importlib.import_module(module), func)(con, params)
        return warehouse.write_table(con, self.table, frame)


def registry(specs: list[IndicatorSpec], root: Path) -> dict:
    """The lists derived from the specs, bound as SQL parameters and passed to Python engines."""
    sdg = [s for s in specs if s.sdg is not None]
    aggregated = [s for s in sdg if s.sdg.get("aggregate")]
    return {"sdg_tables": [s.table for s in sdg], "sdg_codes": [str(s.metadata["code"]) for s in sdg],
            "aggregated_sdg_tables": [s.table for s in aggregated],
            "aggregated_sdg_codes": [str(s.metadata["code"]) for s in aggregated],
            "aggregated_sdg_series": {k: v for s in aggregated for k, v in s.sdg["aggregate"].items()},
            "indicators_root": str(root)}


def _publications(path: Path, raw: dict) -> tuple[Publication, ...]:
    found = []
    for p in raw.get("publish") or []:
        sql = path.parent / p["sql"] if p.get("sql") else None
        if sql and not sql.is_file():
            raise FileNotFoundError(f"{path}: publish sql file {p['sql']!r} not found beside the spec")
        if not p.get("sort") and not sql:
            raise ValueError(f"{path}: published table {p.get('table')!r} needs a sort order (publish: sort)")
        found.append(Publication(table=p.get("table", raw["table"]), contract=p["contract"],
                                 sort=tuple(p.get("sort") or ()), source=raw["table"], sql=sql,
                                 codelists=tuple((p.get("codelists") or {}).items())))
    return tuple(found)


def _spec(path: Path) -> tuple[IndicatorSpec, tuple[str, ...]] | None:
    raw = read_yaml(path) or {}
    if raw.get("kind") != "indicator":
        return None
    engine = raw.get("engine", "sql")
    if engine == "sql" and not (path.parent / raw.get("sql", "")).is_file():
        raise FileNotFoundError(f"{path}: sql file {raw.get('sql')!r} not found beside the spec")
    if engine == "python" and ":" not in str(raw.get("function", "")):
        raise ValueError(f"{path}: engine python needs function: module:name")
    if raw.get("sdg") is not None and "code" not in (raw.get("metadata") or {}):
        raise ValueError(f"{path}: an sdg indicator needs metadata: code")
    return IndicatorSpec(table=raw["table"], title=raw["title"], family=path.parent.name, path=path, engine=engine,
                         sql=raw.get("sql"), function=raw.get("function"),
                         depends_on=tuple(raw.get("depends_on", ["observations"])),
                         params=values(raw.get("params") or {}, str(path), "params"),
                         metadata=raw.get("metadata") or {}, warn_if_rows=raw.get("warn_if_rows"),
                         sdg=raw.get("sdg"), catalog=raw.get("catalog"), publish=_publications(path, raw),
                         ), tuple(raw.get("optional_depends_on", []))


def _expanded(spec: IndicatorSpec, lists: dict) -> tuple[str, ...]:
    """depends_on with each `$name` replaced by the tables of that registry list."""
    out = []
    for d in spec.depends_on:
        if d.startswith("$") and d[1:] not in lists:
            raise ValueError(f"{spec.path}: depends_on names unknown list {d!r} (known: {sorted(lists)})")
        out += lists[d[1:]] if d.startswith("$") else [d]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=None)
def load_specs(root: Path = INDICATORS_DIR) -> tuple[IndicatorSpec, ...]:
    """All indicator specs, in dependency order. Unknown dependencies are an error naming the spec."""
    found = [f for f in (_spec(p) for p in sorted(root.rglob("*.yaml"))) if f]
    tables = {s.table for s, _ in found}
    lists = registry([s for s, _ in found], root)
    table_lists = {k: v for k, v in lists.items() if k.endswith("_tables")}
    staged = staged_tables()   # anything else named in depends_on must be another indicator's table
    specs = {s.table: replace(s, depends_on=_expanded(s, table_lists) + tuple(d for d in optional if d in tables),
                              registry=lists)
             for s, optional in found}
    for s in specs.values():
        unknown = [d for d in s.depends_on if d not in specs and d not in staged]
        if unknown:
            raise ValueError(f"{s.path}: depends_on names unknown table(s) {unknown}")
    order = TopologicalSorter({t: [d for d in s.depends_on if d in specs] for t, s in specs.items()}).static_order()
    return tuple(specs[t] for t in order)


def publications(root: Path = INDICATORS_DIR) -> dict[str, Publication]:
    """Every published table an indicator spec feeds, by table name; a table claimed twice is an error."""
    found: dict[str, Publication] = {}
    for spec in load_specs(root):
        for p in spec.publish:
            if p.table in found:
                raise ValueError(f"{spec.path}: published table {p.table!r} is already published by "
                                 f"the spec of {found[p.table].source!r}")
            found[p.table] = p
    return dict(sorted(found.items()))


def indicator_metadata(root: Path = INDICATORS_DIR) -> list[dict]:
    """Each spec's title, parameters and metadata (definition, unit, sources...), for datapackage.json."""
    return [{"table": s.table, "title": s.title, "family": s.family, "spec": s.path.relative_to(root.parent).as_posix(),
             "params": s.params, **s.metadata} for s in sorted(load_specs(root), key=lambda s: (s.family, s.table))]


def derived_lists(root: Path = INDICATORS_DIR) -> dict:
    """The registry lists of the specs under `root` (the parameters every spec's SQL may name)."""
    return registry(list(load_specs(root)), root)
