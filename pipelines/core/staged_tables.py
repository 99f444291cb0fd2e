"""The tables a release database holds once staged, before any indicator runs.

One declaration, in the layer that creates the tables: the indicator loader checks `depends_on` against it (a name
that is neither an indicator's table nor staged is an error) and the staging asset makes one Dagster asset of each
(`staging_step_tables`). The reference tables and views are written here (`write_reference`), so the names cannot drift from
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
# What staging.stage_tables creates from the ingest tables, with the description its Dagster asset shows.
STAGE_TABLES = {
    "observations": "Validated observations, one row per key after duplicates are resolved by source priority.",
    "quarantine": "Every record not staged, with file, line, column, rule and reason (excluded and superseded "
                  "records included).",
    "ingest_files": "Per-file accounting: records read = staged + quarantined (`balanced`).",
    "economy_reference": "Economy attributes read from reference files.",
    **{name: f"Rows of {name} as the adapters returned them." for name in OWN_TABLES},
}
# The project's reference data, written beside the staged observations (write_reference): builder, description.
REFERENCE_TABLES = {
    "economies": (groups.economies_table, "Economies of the reference data (pipelines/reference) with their groupings."),
    "groups": (groups.groups_table, "Economy groups (ITU regions, income groups, ...)."),
    "group_members": (groups.group_members, "Members of each economy group."),
    "series_catalogue": (lambda: ref.series_catalogue().reset_index(drop=True),
                         "Series catalogue: units and plausible ranges of every series."),
}
QA_TABLE = "qa_findings"   # the plausibility findings, a step of their own (pipelines/sql/qa_plausibility.sql)


@lru_cache(maxsize=None)
def reference_views() -> tuple[str, ...]:
    """The views reference_views.sql creates over the staged observations (population, exchange_rate...)."""
    return tuple(re.findall(r"CREATE OR REPLACE VIEW (\w+)", REFERENCE_VIEWS_SQL.read_text(encoding="utf-8")))


def write_reference(con: duckdb.DuckDBPyConnection) -> None:
    """The reference tables and views of a staged release (after staging.stage_tables)."""
    for name, (build, _) in REFERENCE_TABLES.items():
        warehouse.write_table(con, name, build())
    con.execute(REFERENCE_VIEWS_SQL.read_text(encoding="utf-8"))


def staging_step_tables() -> dict[str, str]:
    """{table: description} of every table the staging step makes, each a Dagster asset of its own."""
    views = {view: f"View of observations: {view.replace('_', ' ')} (pipelines/sql/reference_views.sql)."
             for view in reference_views()}
    return {**STAGE_TABLES, **{name: description for name, (_, description) in REFERENCE_TABLES.items()}, **views}


def staged_tables() -> frozenset[str]:
    """Every table a staged release holds that an indicator may depend on."""
    return frozenset(staging_step_tables()) | {QA_TABLE}
