"""`isoc microdata estimate`: validate and estimate household-survey microdata, write the survey estimates file, and
optionally snapshot that file into the release.

By default the command runs the engine itself: one estimator run over every economy (rounds batched as configured),
outputs written by DuckDB, what it did appended to warehouse/microdata/runs.jsonl, neither Dagster (2 s to import)
nor pandas (1 s) on its path. `--dagster` (or --workers above 1) runs the same work as one run of microdata_job
instead: economies as partitions in the UI, batches at the same time in their own processes (docs/microdata.md, "The
command and Dagster").
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.commands._paths import add_path_options


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("microdata", help="household-survey microdata: estimates with standard errors")
    actions = parser.add_subparsers(dest="action", required=True)
    estimate = actions.add_parser("estimate", help="estimate every economy under <raw-root>/microdata/ "
                                                   "(docs/microdata.md) and write warehouse/microdata/")
    estimate.add_argument("--economy", action="append", help="only this economy (ISO3; repeatable)")
    estimate.add_argument("--dagster", action="store_true",
                          help="run as a Dagster run of microdata_job, recorded in the project's instance (run "
                               "history, economy partitions in the UI); slower to start")
    estimate.add_argument("--workers", type=int, default=1,
                          help="batches of economies estimated at the same time, each in its own process, in a "
                               "Dagster run (default %(default)s: one process, every round batched in one engine run)")
    estimate.add_argument("--question", action="append", metavar="Q",
                          help="only these questions (repeatable; at least one person and one household question, "
                               "e.g. internet_3m and hh_internet; default: config.yaml `estimate`)")
    estimate.add_argument("--engine", choices=["duckdb", "spark"], help="default: config.yaml `engine`")
    estimate.add_argument("--release", help="also add the estimates file to this release's snapshot")
    add_path_options(estimate)
    estimate.set_defaults(func=run_estimate)
    template = actions.add_parser("map-template", help="write a first variable map for a national survey file "
                                                       "(.dta, .sav, .csv, .parquet) from its variables and labels")
    template.add_argument("file", type=Path)
    template.add_argument("--output", type=Path, help="where to write it (default: <file stem>.map.yaml beside it)")
    template.set_defaults(func=run_map_template)


def run_map_template(args: argparse.Namespace) -> int:
    from pipelines.microdata import national, store
    from pipelines.microdata.estimator import MicrodataFileError

    output = args.output or store.map_path(args.file)
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 2
    if output.exists():
        print(f"error: {output} exists; remove it or choose --output (a map is edited by hand)", file=sys.stderr)
        return 2
    try:
        output.write_text(national.template(args.file), encoding="utf-8")
    except MicrodataFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"variable map written to {output}; replace every '?' and check each code before estimating")
    return 0


def run_estimate(args: argparse.Namespace) -> int:
    from pipelines.microdata import estimator, store
    from pipelines.microdata.engines import MicrodataEngineError

    raw_root, warehouse = args.raw_root.resolve(), args.warehouse.resolve()
    economies = args.economy or store.economies(raw_root)
    if not economies:
        print(f"error: no microdata under {store.input_folder(raw_root)} (one folder per economy)", file=sys.stderr)
        return 2
    workers = max(1, args.workers)
    try:
        if args.dagster or workers > 1:
            from pipelines.commands.run import dagster_instance

            failed = estimate_all(raw_root, warehouse, economies, dagster_instance(), workers=workers,
                                  questions=args.question, engine=args.engine)
            where = "the Dagster run log"
        else:
            config = estimator.settings(args.engine or "", args.question)
            failed = store.estimate_and_record(raw_root, warehouse, economies, config)
            where = store.output_folder(warehouse) / store.RUNS_FILE
    except MicrodataEngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if failed:
        print(f"error: the microdata run did not complete (the other economies are estimated; see {where}):",
              file=sys.stderr)
        for step, message in failed.items():
            print(f"  {step}: {message}", file=sys.stderr)
        return 1
    path = store.output_folder(warehouse) / store.ESTIMATES_FILE
    lines, in_file = store.file_contents(path)      # every economy estimated in this warehouse, this run or before
    read = f"{len(economies)} {'economy' if len(economies) == 1 else 'economies'} read"
    earlier = len(set(in_file) - set(economies))
    print(f"{len(set(economies) & set(in_file))} of {read} estimated; {path} holds {lines} survey estimates"
          + (f", with those of {earlier} more estimated by earlier runs" if earlier else ""))
    without = sorted(set(economies) - set(in_file))
    if without:
        print(f"no estimate for {', '.join(without)}: every respondent held back or no question answered (see "
              f"{store.output_folder(warehouse)}/<ISO3>/quarantine.parquet)")
    if args.release:
        from pipelines import snapshots   # local: adding a file imports the adapters' registry

        added = snapshots.add_files(raw_root, args.release, [path], subdir="surveys")
        print(f"added to release {args.release} as surveys/{path.name}" if added else
              f"release {args.release} already holds surveys/{path.name} with the same content")
    return 0


def run_config(raw_root: Path, warehouse: Path, economies: list[str], workers: int,
               questions: list[str] | None = None, engine: str | None = None) -> dict:
    executor = {"multiprocess": {"max_concurrent": workers}} if workers > 1 else {"in_process": {}}
    return {"ops": {"plan_economies": {"config": {"economies": list(economies), "workers": workers}}},
            "resources": {"paths": {"config": {"raw_root": str(raw_root), "warehouse_dir": str(warehouse)}},
                          "microdata_engine": {"config": {"questions": list(questions or []),
                                                          "engine": engine or ""}}},
            "execution": {"config": executor}, "loggers": {"console": {"config": {"log_level": "INFO"}}}}


def estimate_all(raw_root: Path, warehouse: Path, economies: list[str], instance, workers: int = 1,
                 questions: list[str] | None = None, engine: str | None = None) -> dict[str, str]:
    """One microdata_job run over these economies; the steps that failed, each with its error (empty: all done)."""
    import dagster as dg

    from pipelines.dagster_assets import microdata

    result = dg.execute_job(dg.reconstructable(microdata.microdata_job), instance,
                            run_config=run_config(raw_root, warehouse, economies, workers, questions, engine),
                            raise_on_error=False)
    failed = {}
    for event in result.get_step_failure_events():
        data = event.step_failure_data
        user = data.user_failure_data
        error = data.error
        while error.cause is not None:      # Dagster wraps what the step raised: report what it raised
            error = error.cause
        failed[event.step_key] = user.description if user and user.description else error.message.strip()
    if not result.success and not failed:
        failed["run"] = "the run failed before any step (see the Dagster run log)"
    return failed
