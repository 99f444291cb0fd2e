"""`isoc report profiles|tables|charts|all --release R`: report outputs from a published release's Parquet."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.commands._paths import add_path_options
from pipelines.core import publish
from pipelines.reports.produce import KINDS, produce, reports_dir


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="profile site, statistical tables workbook or charts of a published release")
    parser.add_argument("kind", choices=[*KINDS, "all"], help="what to produce")
    parser.add_argument("--release", default="latest", help="published release (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="output folder (default: <warehouse>/reports/<release>)")
    add_path_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    warehouse = args.warehouse.resolve()
    release = publish.release_name(warehouse / "published", args.release)
    out = args.out or reports_dir(warehouse, release)
    kinds = KINDS if args.kind == "all" else (args.kind,)
    try:
        written = produce(warehouse / "published", release, out, kinds)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for kind, files in written.items():
        print(f"{kind}: {len(files)} files in {out / kind}")
    return 0
