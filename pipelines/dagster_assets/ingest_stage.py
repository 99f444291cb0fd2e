"""Ingest and stage assets: raw snapshot -> adapter results -> validated, de-duplicated observations."""

import dagster as dg
import pandas as pd

from pipelines.core import groups, staging, warehouse
from pipelines.core.canonical import observations_frame, quarantine_frame
from pipelines.dagster_assets.metadata import preview, table_counts
from pipelines.partitions import releases
from pipelines.resources import IsocPaths
from schemas import reference as ref
from schemas.quarantine import QUARANTINE_COLUMNS
from schemas.staged import Observation

INGEST_TABLES = ("ingest_candidates", "ingest_reference", "ingest_quarantine", "ingest_read")


@dg.asset(group_name="ingest", partitions_def=releases, kinds={"python", "duckdb"},
          description="Verify the release's raw snapshot (sha256 of every file) and run each file's adapter.")
def ingested_records(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
    release = context.partition_key
    results = staging.read_release(paths.raw, release, progress=context.log.info)
    ingested = staging.collect(results)
    with warehouse.connect(paths.warehouse, release) as con:
        for name, frame in zip(INGEST_TABLES, (ingested.observations, ingested.reference, ingested.quarantine,
                                               ingested.files)):
            if name == "ingest_reference" and frame.empty:
                frame = pd.DataFrame(columns=["ref_area", "attribute", "value", "source", "file", "line"], dtype="string")
            warehouse.write_table(con, name, frame)
        for name, frame in ingested.tables.items():
            warehouse.write_table(con, f"ingest_{name}", frame)
    return dg.MaterializeResult(metadata={
        "files": len(ingested.files), "rows_read": int(ingested.files["rows_read"].sum()),
        "candidate_observations": len(ingested.observations), "held_back_by_adapters": len(ingested.quarantine),
        "files_table": preview(ingested.files, 100)})


def _load_ingested(con) -> staging.Ingested:
    frames = [con.sql(f"SELECT * FROM {t}").df() for t in INGEST_TABLES]
    tables = {name: con.sql(f"SELECT * FROM ingest_{name}").df() for name in staging.OWN_TABLES
              if warehouse.table_exists(con, f"ingest_{name}")}
    return staging.Ingested(observations_frame(frames[0]), frames[1], quarantine_frame(frames[2].to_dict("records")),
                            frames[3], staging.own_tables([tables]))


@dg.asset(group_name="stage", partitions_def=releases, deps=[ingested_records], kinds={"pandera", "duckdb"},
          description="Validate candidates with the staged Pandera model, resolve duplicates by source priority, "
                      "and account for every record (read = staged + quarantined).")
def staged_observations(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
    release = context.partition_key
    with warehouse.connect(paths.warehouse, release) as con:
        outcome = staging.stage(_load_ingested(con))
        warehouse.write_table(con, "observations", outcome.observations)
        warehouse.write_table(con, "quarantine", outcome.quarantine[QUARANTINE_COLUMNS])
        warehouse.write_table(con, "ingest_files", outcome.files)
        warehouse.write_table(con, "economy_reference", con.sql("SELECT * FROM ingest_reference").df())
        for name, frame in outcome.tables.items():
            warehouse.write_table(con, name, frame)
        warehouse.write_table(con, "economies", groups.economies_table())
        warehouse.write_table(con, "groups", groups.groups_table())
        warehouse.write_table(con, "group_members", groups.group_members())
        warehouse.write_table(con, "series_catalogue", ref.series_catalogue().reset_index(drop=True))
        con.execute((warehouse.SQL_DIR / "reference_views.sql").read_text(encoding="utf-8"))
    files = outcome.files
    context.log.info(f"{release}: {int(files.rows_read.sum())} read, {int(files.rows_staged.sum())} staged, "
                     f"{int(files.rows_quarantined.sum())} quarantined")
    return dg.MaterializeResult(metadata={
        "rows_read": int(files["rows_read"].sum()), "rows_staged": int(files["rows_staged"].sum()),
        "rows_quarantined": int(files["rows_quarantined"].sum()), "observations": len(outcome.observations),
        "quarantine_by_rule": table_counts(outcome.quarantine, "rule"),
        "files": preview(files, 100), "preview": preview(outcome.observations)})


@dg.asset_check(asset=staged_observations, blocking=True,
                description="Structural gate: staged rows meet the Observation model, every file's records balance, "
                            "and no file was unreadable. Failing blocks publishing.")
def staged_observations_are_sound(context: dg.AssetCheckExecutionContext, paths: IsocPaths) -> dg.AssetCheckResult:
    release = context.partition_key if context.has_partition_key else None
    with warehouse.connect(paths.warehouse, release, read_only=True) as con:
        obs = con.sql("SELECT * FROM observations").df()
        files = con.sql("SELECT * FROM ingest_files").df()
        file_errors = con.sql("SELECT file, rule, reason FROM quarantine WHERE severity = 'file_error'").df()
    problems = []
    try:
        if len(obs):   # no rows (every file held back) come back from DuckDB as untyped columns: nothing to check
            Observation.validate(obs, lazy=True)
    except Exception as exc:  # SchemaErrors: report its size, the quarantine already holds row-level detail
        problems.append(f"staged table breaks the Observation model: {' '.join(str(exc).split())[:300]}")
    unbalanced = files[~files["balanced"]]
    problems += [f"{r.file}: read {r.rows_read} != staged {r.rows_staged} + quarantined {r.rows_quarantined}"
                 for r in unbalanced.itertuples()]
    problems += [f"{r.file}: {r.reason}" for r in file_errors.itertuples()]
    return dg.AssetCheckResult(passed=not problems, severity=dg.AssetCheckSeverity.ERROR,
                               metadata={"problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none"),
                                         "unbalanced_files": len(unbalanced), "file_errors": len(file_errors)})


@dg.asset(group_name="stage", partitions_def=releases, deps=[staged_observations], kinds={"duckdb", "sql"},
          description="Plausibility findings (warnings, published in qa_findings): maxima, jumps, sex totals, "
                      "coverage by technology.")
def qa_findings(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
    with warehouse.connect(paths.warehouse, context.partition_key) as con:
        n = warehouse.create_from_file(con, "qa_findings", warehouse.SQL_DIR / "qa_plausibility.sql",
                                       {"jump_points": 25.0})
        findings = con.sql("SELECT * FROM qa_findings").df()
    return dg.MaterializeResult(metadata={"findings": n, "by_rule": table_counts(findings, "rule"),
                                          "preview": preview(findings)})


@dg.asset_check(asset=qa_findings, blocking=False, description="Warns when plausibility findings exist.")
def qa_findings_reviewed(context: dg.AssetCheckExecutionContext, paths: IsocPaths) -> dg.AssetCheckResult:
    with warehouse.connect(paths.warehouse, context.partition_key, read_only=True) as con:
        by_rule = con.sql("SELECT rule, count(*) AS n FROM qa_findings GROUP BY rule ORDER BY rule").df()
    return dg.AssetCheckResult(passed=by_rule.empty, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"by_rule": preview(by_rule, 50), "findings": int(by_rule["n"].sum())})
