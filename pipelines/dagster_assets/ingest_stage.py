"""Ingest and stage assets: raw snapshot -> adapter results -> validated, de-duplicated observations."""

import dagster as dg

from pipelines.core import staged_tables, staging, warehouse
from pipelines.dagster_assets.metadata import preview, table_counts
from pipelines.ingestion import read_release
from pipelines.partitions import releases
from pipelines.resources import IsocPaths


@dg.asset(group_name="ingest", partitions_def=releases, kinds={"python", "duckdb"},
          description="Verify the release's raw snapshot (sha256 of every file) and run each file's adapter; its "
                      "records go straight into the release database's ingest tables.")
def ingested_records(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
    release = context.partition_key
    with warehouse.connect(paths.warehouse, release) as con:
        files = staging.collect(read_release(paths.raw, release, progress=context.log.info), con).files
        candidates, held_back = (con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                                 for t in ("ingest_candidates", "ingest_quarantine"))
    return dg.MaterializeResult(metadata={
        "files": len(files), "rows_read": int(files["rows_read"].sum()), "candidate_observations": candidates,
        "held_back_by_adapters": held_back, "files_table": preview(files, 100)})


@dg.multi_asset(name="staged_observations", partitions_def=releases,
                specs=[dg.AssetSpec(table, group_name="stage", kinds={"duckdb"}, description=description,
                                    deps=[ingested_records])
                       for table, description in staged_tables.staging_step_tables().items()],
                description="Validate candidates with the staged Pandera model, resolve duplicates by source "
                            "priority, and account for every record (read = staged + quarantined), inside the "
                            "release database: one asset per staged table (pipelines.core.staged_tables).")
def staged_observations(context: dg.AssetExecutionContext, paths: IsocPaths):
    release = context.partition_key
    with warehouse.connect(paths.warehouse, release, parallel=True) as con:
        files = staging.stage_tables(con, con.sql(f"SELECT {', '.join(staging.READ_COLUMNS)} FROM ingest_read").df())
        staged_tables.write_reference(con)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                  for t in staged_tables.staging_step_tables()}
        by_rule = con.sql("SELECT rule, count(*) AS rows FROM quarantine GROUP BY rule ORDER BY rule").df()
        sample = con.sql("SELECT * FROM observations LIMIT 10").df()
    read, staged, quarantined = (int(files[c].sum()) for c in ("rows_read", "rows_staged", "rows_quarantined"))
    context.log.info(f"{release}: {read} read, {staged} staged, {quarantined} quarantined")
    extra = {"observations": {"rows_read": read, "rows_staged": staged, "rows_quarantined": quarantined,
                              "preview": preview(sample)},
             "quarantine": {"by_rule": preview(by_rule, 100)}, "ingest_files": {"files": preview(files, 100)}}
    for table, rows in counts.items():
        yield dg.MaterializeResult(asset_key=table, metadata={"dagster/row_count": rows, **extra.get(table, {})})


@dg.asset_check(asset="observations", blocking=True,
                description="Structural gate: every file's records balance and no file was unreadable (the staged "
                            "rows were validated by the Observation model while staging). Failing blocks publishing.")
def staged_observations_are_sound(context: dg.AssetCheckExecutionContext, paths: IsocPaths) -> dg.AssetCheckResult:
    release = context.partition_key if context.has_partition_key else None
    with warehouse.connect(paths.warehouse, release, read_only=True) as con:
        unbalanced = con.sql("SELECT file, rows_read, rows_staged, rows_quarantined FROM ingest_files "
                             "WHERE NOT balanced ORDER BY file").df()
        file_errors = con.sql("SELECT file, rule, reason FROM quarantine WHERE severity = 'file_error'").df()
    problems = [f"{r.file}: read {r.rows_read} != staged {r.rows_staged} + quarantined {r.rows_quarantined}"
                for r in unbalanced.itertuples()]
    problems += [f"{r.file}: {r.reason}" for r in file_errors.itertuples()]
    listed = "\n".join(f"- {p}" for p in problems) or "none"
    return dg.AssetCheckResult(passed=not problems, severity=dg.AssetCheckSeverity.ERROR,
                               metadata={"problems": dg.MetadataValue.md(listed), "unbalanced_files": len(unbalanced),
                                         "file_errors": len(file_errors)})


@dg.asset(group_name="stage", partitions_def=releases, deps=["observations"], kinds={"duckdb", "sql"},
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
