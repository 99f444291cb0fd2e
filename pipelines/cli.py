"""`isoc`: the command line. Each subcommand lives in pipelines/commands/<name>.py and is discovered.

A command module defines `register(subparsers)` which adds its parser and sets `func=handler(args) -> int`.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from pipelines import commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="isoc", description="Information Society statistics release pipeline.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
