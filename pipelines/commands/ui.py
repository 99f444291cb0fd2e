"""`isoc ui`: open the Dagster UI on the project's instance (same run history as `isoc run`)."""
from __future__ import annotations

import argparse
import os
import sys

from pipelines.core.paths import REPO_ROOT


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("ui", help="start the Dagster UI (dagster dev) on the project's instance")
    parser.add_argument("--port", default="3000")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT))
    os.chdir(os.environ["DAGSTER_HOME"])
    dagster = os.path.join(os.path.dirname(sys.executable), "dagster")
    os.execv(dagster, [dagster, "dev", "-m", "pipelines.definitions", "-p", str(args.port)])
