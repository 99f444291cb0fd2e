"""`isoc run`: materialize a release through Dagster (same instance as the UI) and print a summary."""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import tempfile
import uuid
from pathlib import Path

from pipelines.commands._paths import add_path_options
from pipelines.core import manifest, publish, release_lock
from pipelines.core.paths import REPO_ROOT

DEMO = "demo"
_LOG_RECORD = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ")   # how a Dagster console log record starts


class FirstLines(io.TextIOBase):
    """Dagster's console log with each record cut to its first line: a failed step's error body and stack trace stay
    in the run's event log (`isoc ui`), and the summary names the cause; `isoc --debug run` shows everything."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(text.split("\n", 1)[0] + "\n" if _LOG_RECORD.match(text) and "\n" in text else text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("run", help="materialize a release (default: build and run the demo release)")
    parser.add_argument("--release", default=DEMO, help="release name under the raw root (default: %(default)s)")
    parser.add_argument("--make-latest", action="store_true",
                        help="point `latest` at this release even when it is a re-run of an older one")
    add_path_options(parser)
    parser.set_defaults(func=run)


def dagster_instance():
    """The project's instance (dagster.yaml at the repo root), so CLI runs show in the UI's run history."""
    import dagster as dg

    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT))
    os.chdir(os.environ["DAGSTER_HOME"])   # dagster.yaml storage paths are relative to it
    return dg.DagsterInstance.get()


def materialize(release: str, raw_root: Path, warehouse: Path, instance=None, log_level: str = "INFO"):
    """Run release_job for one release partition in-process, holding the release's lock (a second run of the same
    release raises release_lock.ReleaseBusy at once); returns the Dagster result. The console shows progress at
    `log_level` (every event stays in the instance's event log for the UI)."""
    from pipelines.definitions import defs
    from pipelines.partitions import releases

    manifest.check_release(release)
    run_id = str(uuid.uuid4())
    with release_lock.hold(warehouse, release, run_id):
        instance = instance or dagster_instance()
        if not instance.has_dynamic_partition(releases.name, release):
            instance.add_dynamic_partitions(releases.name, [release])
        job = defs.resolve_job_def("release_job")
        run_config = {"resources": {"paths": {"config": {"raw_root": str(raw_root), "warehouse_dir": str(warehouse)}}},
                      "loggers": {"console": {"config": {"log_level": log_level}}}}
        return job.execute_in_process(run_config=run_config, instance=instance, partition_key=release,
                                      raise_on_error=False, run_id=run_id)


def read_worker_settings() -> None:
    """The environment's worker settings (ISOC_READ_WORKERS, ISOC_INDICATOR_WORKERS), read before the run starts: a
    mistyped one stops `isoc run` at once with its sentence, not after the release has been read and staged."""
    from indicators import schedule
    from pipelines import ingestion

    ingestion.default_workers(0)
    schedule.default_workers()


def check_writable(folder: Path) -> None:
    """Fail early, with the cause and the path, when the warehouse cannot be written (read-only, full, no access)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".isoc-write-check-"):
        pass


def run(args: argparse.Namespace) -> int:
    raw_root, warehouse = args.raw_root.resolve(), args.warehouse.resolve()
    manifest.check_release(args.release)
    try:
        read_worker_settings()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.release == DEMO and not (raw_root / DEMO / manifest.MANIFEST).exists():
        from pipelines.commands.demo import build_demo
        build_demo(raw_root)
    try:
        manifest.verify(raw_root, args.release)
    except manifest.ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    check_writable(warehouse)
    debug = getattr(args, "debug", False)
    with contextlib.nullcontext() if debug else contextlib.redirect_stderr(FirstLines(sys.stderr)):
        result = materialize(args.release, raw_root, warehouse)
    from pipelines.commands._summary import print_summary
    status = print_summary(result, args.release, warehouse)
    if status == 0 and args.make_latest:
        publish.point_latest(warehouse / "published", args.release)
        print(f"  latest now points to {args.release}")
    return status
