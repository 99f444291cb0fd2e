"""The tables a release database holds once staged, before any indicator runs, by the step that makes them.

One declaration, in the layer that creates the tables: the indicator loader checks `depends_on` against it (a name
that is neither an indicator's table nor staged is an error) and the Dagster assets can map a table to the asset
that makes it. The reference tables and views are written here (`write_reference`), so the names cannot drift from
what is written; the view names are read from reference_views.sql itself.
"""
from __future__ import annotations

import re
from functools import lru_cache

import duckdb

from pipelines.core import groups, warehouse
from pipelines.core.staging import OWN_TABLES
from schemas import reference as ref

REFERENCE_VIEWS_SQL = warehouse.SQL_DIR / "reference_views.sql"
# What staging.stage_tables creates from the ingest tables.
STAGE_TABLES = ("observations", "quarantine", "economy_reference", *OWN_TABLES, "ingest_files")
# The project's reference data, written beside the staged observations (write_reference).
REFERENCE_TABLES = {"economies": groups.economies_table, "groups": groups.groups_table,
                    "group_members": groups.group_members,
                    "series_catalogue": lambda: ref.series_catalogue().reset_index(drop=True)}
QA_TABLE = "qa_findings"   # the plausibility findings, a step of their own (pipelines/sql/qa_plausibility.sql)


@lru_cache(maxsize=None)
def reference_views() -> tuple[str, ...]:
    """The views reference_views.sql creates over the staged observations (population, exchange_rate...)."""
    return tuple(re.findall(r"CREATE OR REPLACE VIEW (\w+)", REFERENCE_VIEWS_SQL.read_text(encoding="utf-8")))


def write_reference(con: duckdb.DuckDBPyConnection) -> None:
    """The reference tables and views of a staged release (after staging.stage_tables)."""
    for name, table in REFERENCE_TABLES.items():
        warehouse.write_table(con, name, table())
    con.execute(REFERENCE_VIEWS_SQL.read_text(encoding="utf-8"))


def tables_by_step() -> dict[str, tuple[str, ...]]:
    """{step: the tables it makes}: staging with its reference data, and the plausibility findings."""
    return {"staged_observations": (*STAGE_TABLES, *REFERENCE_TABLES, *reference_views()), QA_TABLE: (QA_TABLE,)}


def staged_tables() -> frozenset[str]:
    """Every table a staged release holds that an indicator may depend on."""
    return frozenset(t for tables in tables_by_step().values() for t in tables)
