"""Microdata assets: estimates per economy (one partition each, its own Parquet, no shared DuckDB file, so
partitions can run in parallel on any executor), then the survey estimates file a release snapshots."""

import dagster as dg

from pipelines.dagster_assets.metadata import preview, table_counts
from pipelines.microdata import estimator, store
from pipelines.resources import IsocPaths

survey_economies = dg.DynamicPartitionsDefinition(name="survey_economy")


@dg.asset(group_name="microdata", partitions_def=survey_economies, kinds={"duckdb", "parquet"},
          description="Validate one economy's household-survey microdata (rejected rows to its quarantine) and "
                      "estimate every ICT question by sex, age group and urban/rural with standard errors.")
def microdata_estimates(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
    economy = context.partition_key
    result = store.estimate_economy(paths.raw, paths.warehouse, economy)
    estimates = result.estimates
    config = estimator.load_config()
    rule, ages = config["quality"], config["age_groups"]
    return dg.MaterializeResult(metadata={
        "quality_rule": f"fewer than {rule['min_respondents']} respondents or CV above {rule['max_cv']}: "
                        f"{rule['action']} (status: {rule['status']})",
        "age_groups": f"{', '.join(ages['bands'])} (status: {ages['status']})",
        "respondents_read": result.respondents_read, "respondents_quarantined": len(result.quarantine),
        "estimates": len(estimates), "withheld": int(estimates["withheld"].sum()),
        "quality": table_counts(estimates, "quality"), "quarantine_by_rule": table_counts(result.quarantine, "rule"),
        "path": dg.MetadataValue.path(str(store.output_folder(paths.warehouse, economy))),
        "preview": preview(estimates.query("sex == '_T' and age == '_T' and urbanisation == '_T'"), 20)})


@dg.asset(group_name="microdata", deps=[microdata_estimates], kinds={"csv"},
          description="Every economy's estimates in one survey estimates file (format survey_estimates_csv), ready "
                      "to snapshot into a release: `isoc snapshot add --release R warehouse/microdata/"
                      "survey_estimates.csv`, or `isoc microdata estimate --release R`.")
def survey_estimates_file(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
    done = [e for e in context.instance.get_dynamic_partitions(survey_economies.name)
            if (store.output_folder(paths.warehouse, e) / "estimates.parquet").exists()]
    path, lines = store.collect(paths.warehouse, done)
    return dg.MaterializeResult(metadata={"economies": len(done), "estimates": lines,
                                          "path": dg.MetadataValue.path(str(path))})


microdata_job = dg.define_asset_job(
    "microdata_job", selection=dg.AssetSelection.assets(microdata_estimates),
    description="Estimate one economy's microdata (one run per partition; runs are independent and parallel-safe).")
survey_estimates_job = dg.define_asset_job(
    "survey_estimates_job", selection=dg.AssetSelection.assets(survey_estimates_file),
    description="Collect the estimated economies into the survey estimates file.")
MICRODATA_ASSETS = [microdata_estimates, survey_estimates_file]
MICRODATA_JOBS = [microdata_job, survey_estimates_job]
