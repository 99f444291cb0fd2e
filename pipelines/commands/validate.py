"""`isoc validate FILE`: run every check on one file without side effects and print a readable report.

A country can check its submission before sending it. Exit 1 when errors are found. A clean file of a format that
states its shape (pipelines/ingest/_long.py) is vouched for without pandas, which alone takes longer to import than
the whole check; any other file, and any file that may hold a problem, is read by its adapter and staged.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.commands._deferred import defer, unseen


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help="check one file and print a report (exit 1 on errors)")
    parser.add_argument("file", type=Path)
    parser.add_argument("--format", dest="fmt", help="override format detection")
    parser.add_argument("--limit", type=int, default=50, help="problems to list (default: %(default)s)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    defer("pandas", "numpy", "pyarrow")   # before the adapters are imported; loaded only where really used
    from pipelines.ingest import adapters, detect_format, vouch_clean
    from pipelines.ingest._excel import check_input

    path: Path = args.file
    if not path.is_file():
        print(f"error: {path} is not a file", file=sys.stderr)
        return 2
    problem = check_input(path, path.name)
    if problem:
        print(f"{path.name}: {problem.reason}\n  result: ERRORS FOUND (rule {problem.rule})")
        return 1
    fmt = args.fmt or detect_format(path)
    if fmt is None:
        print(f"error: the format of {path.name} was not recognised; pass --format with one of: "
              f"{', '.join(sorted(adapters()))}", file=sys.stderr)
        return 2
    with unseen("pandas"):
        clean = vouch_clean(path, fmt, path.name)
    if clean is not None:
        print(_title(path, fmt))
        print(_accounting(clean, clean, 0, 0, 0))
        print("  result: no errors")
        return 0
    return _staged_report(path, fmt, args.limit)


def _accounting(read: int, staged: int, quarantined: int, errors: int, excluded: int) -> str:
    """The summary line, worded the same whether the clean-file check vouched or staging ran."""
    return (f"  rows read {read}, would be staged {staged}, quarantined {quarantined} (errors {errors}, "
            f"excluded {excluded})")


def _staged_report(path: Path, fmt: str, limit: int) -> int:
    """Read the file with its adapter, stage it and print the accounting and the errors."""
    from pipelines.core import staging
    from pipelines.core.manifest import Entry, sha256_of
    from pipelines.ingest import read_file

    result = read_file(path, fmt, path.name)
    entry = Entry(path.name, sha256_of(path), path.stat().st_size, fmt, "", "")
    outcome = staging.stage(staging.collect([(entry, result)]))
    files = outcome.files.iloc[0]
    q = outcome.quarantine
    errors = q[q["severity"].isin(["error", "file_error"])]
    print(_title(path, fmt))
    print(_accounting(files.rows_read, files.rows_staged, files.rows_quarantined, len(errors), files.rows_excluded))
    if len(errors):
        by_rule = errors["rule"].value_counts().sort_index()
        print("  errors by rule: " + ", ".join(f"{k} {v}" for k, v in by_rule.items()))
        for r in errors.head(limit).itertuples():
            print(f"  - line {r.line}, column {r.column}, rule {r.rule}: {r.reason}")
        if len(errors) > limit:
            print(f"  ... and {len(errors) - limit} more")
    print("  result: " + ("ERRORS FOUND" if len(errors) else "no errors"))
    return 1 if len(errors) else 0


def _title(path: Path, fmt: str) -> str:
    from pipelines.core.parsing import encoding_note

    return f"{path.name}: format {fmt}" + (f" ({note})" if (note := encoding_note(path)) else "")
