"""Revisions asset: this release's observations against the previously published release, before publishing."""

import dagster as dg
import pandas as pd

from pipelines.core import warehouse
from pipelines.dagster_assets.metadata import preview
from pipelines.partitions import releases
from pipelines.reports import revisions
from pipelines.resources import IsocPaths

LINEAGE = "release_lineage"


def _recorded_predecessor(con) -> str | None:
    """None when no run recorded a predecessor yet; '' when the first run recorded none."""
    if not warehouse.table_exists(con, LINEAGE):
        return None
    rows = con.sql(f"SELECT previous_release FROM {LINEAGE}").fetchall()
    return (rows[0][0] or "") if rows else None


@dg.asset(group_name="publish", partitions_def=releases, deps=[dg.AssetKey("observations")],
          kinds={"duckdb", "sql"},
          description="Revision report: values revised beyond the tolerance, dropped values, economies newly "
                      "missing and series added or dropped since the previous release (the one `latest` pointed "
                      "to at this release's first run, recorded and reused on re-runs). Published as "
                      "revisions.parquet.")
def revisions_report(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
    release = context.partition_key
    with warehouse.connect(paths.warehouse, release) as con:
        previous = revisions.predecessor(paths.published, release, _recorded_predecessor(con), paths.raw)
        if previous:
            old = con.read_parquet(str(revisions.observations_path(paths.published, previous)))
            frame = revisions.compare(con, old, con.table("observations"), release, previous)
        else:
            empty = con.sql("SELECT * FROM observations LIMIT 0")
            frame = revisions.compare(con, empty, empty, release, None)
        warehouse.write_table(con, "revisions", frame)
        warehouse.write_table(con, LINEAGE, pd.DataFrame({"release": [release], "previous_release": [previous]},
                                                         dtype="string"))
    counts = revisions.summary(frame)
    context.log.info(f"{release}: revisions against {previous or 'no previous release'}: {counts}")
    return dg.MaterializeResult(metadata={
        "previous_release": previous or "none (first publication)", **counts,
        "preview": preview(frame[frame["change"] == "revised"], 20)})
