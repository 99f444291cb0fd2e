"""Microdata in Dagster: `microdata_job` estimates many economies in one run and writes the survey estimates file.

The job plans batches of economies (`workers` of them), estimates each batch as one step (one estimator run over all
its rounds, batched as the engine does: `rounds_per_query`), and gathers every estimated economy into the file a
release snapshots. With the multiprocess executor the batches run at the same time, each in its own process, and
each economy's step writes only that economy's folder (no shared DuckDB file). Each economy is recorded as a
partition of the asset `microdata_estimates`; a failed economy fails its step with its error, the others complete.
"""

import dagster as dg

from pipelines.microdata import estimator, store
from pipelines.resources import IsocPaths

survey_economies = dg.DynamicPartitionsDefinition(name="survey_economy")
ESTIMATES = dg.AssetKey("microdata_estimates")
FILE = dg.AssetKey("survey_estimates_file")

microdata_estimates = dg.AssetSpec(
    ESTIMATES, group_name="microdata", partitions_def=survey_economies, kinds={"duckdb", "spark", "parquet"},
    description="One economy's household-survey microdata validated (rejected rows to its quarantine) and every ICT "
                "question estimated by sex, age group and urban/rural with standard errors; materialized by "
                "microdata_job (warehouse/microdata/<ISO3>/).")
survey_estimates_file = dg.AssetSpec(
    FILE, group_name="microdata", deps=[ESTIMATES], kinds={"csv"},
    description="Every economy's estimates in one survey estimates file (format survey_estimates_csv), ready to "
                "snapshot into a release: `isoc microdata estimate --release R`; materialized by microdata_job.")


class MicrodataEngine(dg.ConfigurableResource):
    """The engine the estimator runs on, and what it estimates; empty settings keep those of
    pipelines/microdata/config.yaml (`engine`, `spark.master`, `estimate`). A cluster: spark_master =
    spark://host:7077 (docs/distributed.md)."""

    engine: str = ""
    spark_master: str = ""
    questions: list[str] = []

    def estimator_config(self) -> dict:
        return estimator.settings(self.engine, self.questions, self.spark_master)


class MicrodataRun(dg.Config):
    economies: list[str] = []     # ISO3 folders under <raw_root>/microdata/; empty: every one
    workers: int = 1              # batches of economies; with the multiprocess executor, steps run at the same time


def batches(economies: list[str], workers: int) -> list[list[str]]:
    """`workers` contiguous batches of about equal size (fewer when there are fewer economies)."""
    count = max(1, min(workers, len(economies)))
    size, extra = divmod(len(economies), count)
    cut = [i * size + min(i, extra) for i in range(count + 1)]
    return [economies[cut[i]:cut[i + 1]] for i in range(count)]


@dg.op(out=dg.DynamicOut(list), description="List the economies to estimate and register them as partitions.")
def plan_economies(context: dg.OpExecutionContext, config: MicrodataRun, paths: IsocPaths):
    economies = sorted(config.economies) or store.economies(paths.raw)
    if not economies:
        raise dg.Failure(f"no microdata under {store.input_folder(paths.raw)} (one folder per economy)")
    known = set(context.instance.get_dynamic_partitions(survey_economies.name))
    context.instance.add_dynamic_partitions(survey_economies.name, [e for e in economies if e not in known])
    for batch in batches(economies, config.workers):
        yield dg.DynamicOutput(batch, mapping_key=batch[0] if len(batch) == 1 else f"{batch[0]}_to_{batch[-1]}")


@dg.op(description="Validate and estimate a batch of economies in one estimator run; each economy writes its own "
                   "folder and is recorded as a partition of microdata_estimates.")
def estimate_economies(context: dg.OpExecutionContext, batch: list, paths: IsocPaths,
                       microdata_engine: MicrodataEngine) -> list:
    config = microdata_engine.estimator_config()
    results, errors = store.estimate_economies(paths.raw, paths.warehouse, batch, config)
    rule, ages = config["quality"], config["age_groups"]
    statuses = {block: estimator.config_statuses(block) for block in ("quality", "age_groups")}
    for economy, result in results.items():
        context.log_event(dg.AssetMaterialization(ESTIMATES, partition=economy, metadata={
            "engine": config.get("engine") or "duckdb",
            "quality_rule": f"fewer than {rule['min_respondents']} respondents or CV above {rule['max_cv']}: "
                            f"{rule['action']} (status: {statuses['quality']})",
            "age_groups": f"{', '.join(ages['bands'])} (status: {statuses['age_groups']})",
            "respondents_read": result.respondents_read, "respondents_quarantined": result.quarantined,
            "estimates": result.estimates_written, "withheld": result.withheld,
            "path": dg.MetadataValue.path(str(result.folder))}))
    if errors:
        raise dg.Failure(
            description=f"{len(errors)} of {len(batch)} economies failed (the others are estimated): "
                        + "; ".join(f"{e}: {message}" for e, message in errors.items()),
            metadata={"failed": dg.MetadataValue.json(errors)})
    return sorted(results)


@dg.op(description="Gather every estimated economy into warehouse/microdata/survey_estimates.csv.")
def write_survey_estimates_file(context: dg.OpExecutionContext, done: list, paths: IsocPaths) -> str:
    economies = [e for e in context.instance.get_dynamic_partitions(survey_economies.name)
                 if (store.output_folder(paths.warehouse, e) / "estimates.parquet").exists()]
    path, lines = store.collect(paths.warehouse, sorted(economies))
    context.log_event(dg.AssetMaterialization(FILE, metadata={
        "economies": len(economies), "estimated_in_this_run": sum(len(d) for d in done), "estimates": lines,
        "path": dg.MetadataValue.path(str(path))}))
    return str(path)


@dg.job(description="Estimate household-survey microdata, many economies per run (config: economies, workers), "
                    "then write the survey estimates file. Executor: in_process, or multiprocess to run batches "
                    "at the same time.",
        resource_defs={"paths": IsocPaths(), "microdata_engine": MicrodataEngine()},
        executor_def=dg.multi_or_in_process_executor)
def microdata_job():
    write_survey_estimates_file(plan_economies().map(estimate_economies).collect())


MICRODATA_ASSETS = [microdata_estimates, survey_estimates_file]
MICRODATA_JOBS = [microdata_job]
