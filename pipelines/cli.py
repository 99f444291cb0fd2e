"""`isoc`: the command line. Each subcommand lives in pipelines/commands/<name>.py and is discovered.

A command module defines `register(subparsers)` which adds its parser and sets `func=handler(args) -> int`.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from pipelines import commands


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """Every command's parser; only the named command's when argv names one (importing every command module costs
    seconds: matplotlib, Pandera..., which `isoc microdata estimate` does not need)."""
    parser = argparse.ArgumentParser(prog="isoc", description="Information Society statistics release pipeline.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    names = sorted(i.name for i in pkgutil.iter_modules(commands.__path__) if not i.name.startswith("_"))
    named = next((a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")), None)
    for name in [named] if named in names else names:
        importlib.import_module(f"{commands.__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
