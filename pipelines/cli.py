"""`isoc`: the command line. Each subcommand lives in pipelines/commands/<name>.py and is discovered.

A command module defines `register(subparsers)` which adds its parser and sets `func=handler(args) -> int`.
No traceback reaches the user: an error that ends a command is printed as one line naming its cause (exit 2 for
expected ones: a refused name, a busy release, a full or read-only disk; 1 otherwise); `isoc --debug` shows it.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import warnings

# Pandera imports pyspark.pandas whenever PySpark is installed (the spark extra), which warns about pandas 3 on
# every command; the project never uses pyspark.pandas, so the warning says nothing to a user.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)

from pipelines import commands
from pipelines.commands._deferred import defer


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """Every command's parser; only the named command's when argv names one (importing every command module costs
    seconds: matplotlib, Pandera..., which `isoc microdata estimate` does not need)."""
    parser = argparse.ArgumentParser(prog="isoc", description="Information Society statistics release pipeline.")
    parser.add_argument("--debug", action="store_true", help="show the Python traceback of an error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    names = sorted(i.name for i in pkgutil.iter_modules(commands.__path__) if not i.name.startswith("_"))
    named = next((a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")), None)
    if named not in names:      # every command's options, for `isoc --help`: libraries imported only when used
        defer("pandas", "numpy", "pyarrow", "pandera", "duckdb", "dagster", "matplotlib", "openpyxl")
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
    except Exception as exc:
        if args.debug:
            raise
        from pipelines.commands._errors import describe       # imported here: canonical imports pandas (1 s)
        from pipelines.core.canonical import FileError
        from pipelines.core.manifest import ManifestError
        from pipelines.core.release_lock import ReleaseBusy

        expected = isinstance(exc, (ManifestError, ReleaseBusy, FileError, OSError))
        own_words = isinstance(exc, (ManifestError, ReleaseBusy, FileError)) or (
            isinstance(exc, OSError) and not exc.errno)   # a sentence the project wrote, not a system error
        message = str(exc) if own_words else describe(exc)
        print(f"error: {message}" + ("" if expected else " (isoc --debug shows the traceback)"), file=sys.stderr)
        return 2 if expected else 1


if __name__ == "__main__":
    sys.exit(main())
