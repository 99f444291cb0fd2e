"""The Dagster code location: `dagster dev -m pipelines.definitions` (or `isoc ui`)."""

import dagster as dg

from pipelines.core import manifest
from pipelines.dagster_assets import ingest_stage
from pipelines.dagster_assets.indicators import indicator_assets
from pipelines.dagster_assets.microdata import MICRODATA_ASSETS, MICRODATA_JOBS
from pipelines.dagster_assets.publish import published_assets
from pipelines.dagster_assets.reports import release_reports_asset
from pipelines.dagster_assets.revisions import revisions_report
from pipelines.partitions import releases
from pipelines.resources import IsocPaths

STAGE_ASSETS = [ingest_stage.ingested_records, ingest_stage.staged_observations, ingest_stage.qa_findings]
INDICATORS = indicator_assets()
PUBLISHED = published_assets()
ALL_ASSETS = [*STAGE_ASSETS, INDICATORS, revisions_report, PUBLISHED, release_reports_asset(PUBLISHED)]

release_job = dg.define_asset_job("release_job",
                                  selection=dg.AssetSelection.all() - dg.AssetSelection.groups("microdata"),
                                  description="Materialize a whole release: ingest, stage, indicators, publish.",
                                  executor_def=dg.in_process_executor)


@dg.sensor(job=release_job, minimum_interval_seconds=30,
           description="Registers a release partition when raw/<release>/manifest.json appears, and runs it.")
def release_manifest_sensor(context: dg.SensorEvaluationContext, paths: IsocPaths) -> dg.SensorResult:
    known = set(context.instance.get_dynamic_partitions(releases.name))
    new = [r for r in manifest.releases(paths.raw) if r not in known]
    return dg.SensorResult(dynamic_partitions_requests=[releases.build_add_request(new)] if new else [],
                           run_requests=[dg.RunRequest(partition_key=r, run_key=f"release-{r}") for r in new])


defs = dg.Definitions(
    assets=[*ALL_ASSETS, *MICRODATA_ASSETS],
    asset_checks=[ingest_stage.staged_observations_are_sound, ingest_stage.qa_findings_reviewed],
    jobs=[release_job, *MICRODATA_JOBS],
    sensors=[release_manifest_sensor],
    resources={"paths": IsocPaths()},
    executor=dg.in_process_executor,
)
