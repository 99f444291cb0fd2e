"""`isoc microdata estimate`: estimate every economy's survey microdata through Dagster (one partition per economy)
and write the survey estimates file; with --release, snapshot that file into the release."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.commands._paths import add_path_options
from pipelines.core import manifest


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("microdata", help="household-survey microdata: estimates with standard errors")
    actions = parser.add_subparsers(dest="action", required=True)
    estimate = actions.add_parser("estimate", help="estimate every economy under <raw-root>/microdata/ "
                                                   "(docs/microdata.md) and write warehouse/microdata/")
    estimate.add_argument("--economy", action="append", help="only this economy (ISO3; repeatable)")
    estimate.add_argument("--release", help="also add the estimates file to this release's snapshot")
    add_path_options(estimate)
    estimate.set_defaults(func=run_estimate)


def run_estimate(args: argparse.Namespace) -> int:
    from pipelines.commands.run import dagster_instance
    from pipelines.microdata import store

    raw_root, warehouse = args.raw_root.resolve(), args.warehouse.resolve()
    economies = args.economy or store.economies(raw_root)
    if not economies:
        print(f"error: no microdata under {store.input_folder(raw_root)} (one folder per economy)", file=sys.stderr)
        return 2
    failed = estimate_all(raw_root, warehouse, economies, dagster_instance())
    if failed:
        print(f"error: the microdata run failed for {failed} (see the Dagster run log)", file=sys.stderr)
        return 1
    path = store.output_folder(warehouse) / store.ESTIMATES_FILE
    print(f"{len(economies)} economies estimated; survey estimates written to {path}")
    if args.release:
        manifest.add_files(raw_root, args.release, [path], subdir="surveys")
        print(f"added to release {args.release} as surveys/{path.name}")
    return 0


def estimate_all(raw_root: Path, warehouse: Path, economies: list[str], instance) -> str | None:
    """One microdata_job run per economy (partition), then the survey estimates file; the name of what failed."""
    from pipelines.dagster_assets.microdata import survey_economies
    from pipelines.definitions import defs

    known = set(instance.get_dynamic_partitions(survey_economies.name))
    instance.add_dynamic_partitions(survey_economies.name, [e for e in economies if e not in known])
    config = {"resources": {"paths": {"config": {"raw_root": str(raw_root), "warehouse_dir": str(warehouse)}}}}
    for economy in economies:
        run = defs.resolve_job_def("microdata_job").execute_in_process(
            run_config=config, instance=instance, partition_key=economy, raise_on_error=False)
        if not run.success:
            return economy
    collected = defs.resolve_job_def("survey_estimates_job").execute_in_process(
        run_config=config, instance=instance, raise_on_error=False)
    return None if collected.success else "the survey estimates file"
