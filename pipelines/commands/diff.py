"""`isoc diff --from R1 --to R2`: what changed between two published releases (revised, dropped, missing, series)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from pipelines.commands._paths import add_path_options
from pipelines.reports.tolerance import Tolerance


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("diff", help="revision report between two published releases")
    parser.add_argument("--from", dest="old", required=True, help="the earlier published release (or latest)")
    parser.add_argument("--to", dest="new", required=True, help="the later published release (or latest)")
    parser.add_argument("--rel-tol", type=float, default=Tolerance.relative,
                        help="relative tolerance: smaller changes are not revisions (default: %(default)s)")
    parser.add_argument("--abs-tol", type=float, default=Tolerance.absolute,
                        help="absolute tolerance added to the relative one (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="also write the full report to this .csv or .parquet file")
    parser.add_argument("--limit", type=int, default=30, help="rows to print per kind of change (default: %(default)s)")
    add_path_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipelines.core import csv_output, publish
    from pipelines.reports import revisions     # here: its Pandera contract costs every `isoc --help` a second

    published = args.warehouse.resolve() / "published"
    args.old, args.new = (publish.release_name(published, name) for name in (args.old, args.new))
    try:
        frame = revisions.compare_published(published, args.old, args.new,
                                            Tolerance(args.rel_tol, args.abs_tol))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    counts = revisions.summary(frame)
    print(f"{args.old} -> {args.new}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for change in revisions.CHANGES:
        rows = frame[frame["change"] == change]
        for r in rows.head(args.limit).itertuples():
            where = f"{r.ref_area} {r.time_period} " if pd.notna(r.ref_area) else ""
            values = f": {_fmt(r.old_value)} -> {_fmt(r.new_value)}" if pd.notna(r.ref_area) else ""
            sources = f" [{r.old_source} -> {r.new_source}]" if change == "revised" else ""
            print(f"  {change:15} {where}{r.series} {r.sex}/{r.age}/{r.urbanisation}/{r.breakdown}{values}{sources}"
                  + (f" ({r.detail})" if pd.notna(r.detail) else ""))
        if len(rows) > args.limit:
            print(f"  ... and {len(rows) - args.limit} more {change}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if args.out.suffix == ".parquet":
            frame.to_parquet(args.out, index=False)
        else:
            csv_output.write_csv(frame, args.out, index=False)
        print(f"written: {args.out}")
    return 0


def _fmt(value) -> str:
    return "-" if pd.isna(value) else f"{value:g}"
