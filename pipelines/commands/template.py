"""`isoc template OUT.xlsx`: write an empty country submission workbook (docs/submission_workbook.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("template", help="write an empty country submission workbook (.xlsx)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--economy", help="ISO3 code to pre-fill in the workbook")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipelines.core.submission_template import write_template

    try:
        write_template(args.out, economy=args.economy)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}: fill it in, check it with `isoc validate {args.out}`, then send it")
    return 0
