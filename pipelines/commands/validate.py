"""`isoc validate FILE`: run every check on one file without side effects and print a readable report.

A country can check its submission before sending it. Exit 1 when errors are found. A clean file of a format that
states its shape (pipelines/ingest/_long.py) is vouched for without pandas, which alone takes longer to import than
the whole check; any other file, and any file that may hold a problem, is read by its adapter and staged. A .zip
download is checked as the files it holds, unpacked as `isoc snapshot add` unpacks it, each with its own report.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
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
    path: Path = args.file
    if not path.is_file():
        print(f"error: {path} is not a file", file=sys.stderr)
        return 2
    if path.suffix.lower() == ".zip":
        return _validate_archive(path, args.fmt, args.limit)
    return _validate_file(path, path.name, args.fmt, args.limit)


def _validate_archive(path: Path, fmt: str | None, limit: int) -> int:
    """Each file of a .zip (the World Bank's download: data and two metadata CSVs), labelled <zip>/<file>, after the
    archive's own checks (sizes against workbook_limits.yaml, no member outside its folder); the worst exit code."""
    from pipelines.core.manifest import ManifestError, documentation, files_under
    from pipelines.snapshots import unpacked

    with tempfile.TemporaryDirectory(prefix="isoc-validate-") as scratch:
        try:
            folder = unpacked(path, Path(scratch))
        except ManifestError as exc:
            print(f"{exc}\n  result: ERRORS FOUND")
            return 1
        members = files_under(folder)
        print(f"{path.name}: {len(members)} file(s)")
        codes = []
        for member in members:
            label = f"{path.name}/{member.relative_to(folder).as_posix()}"
            if documentation(member) and not fmt:       # as `snapshot add` takes it: --format names every file's
                print(f"{label}: documentation, not checked")
            else:
                codes.append(_validate_file(member, label, fmt, limit))
    if not codes:
        print(f"{path.name}: no file to check (only notes or hidden files), as `isoc snapshot add` would find none to"
              " add\n  result: ERRORS FOUND")
        return 1
    print(f"{path.name}: {len(codes)} file(s) checked, {codes.count(1)} with errors, {codes.count(2)} not recognised")
    return max(codes)


def _validate_file(path: Path, label: str, fmt: str | None, limit: int) -> int:
    from pipelines.ingest import adapters, detect_format, vouch_clean
    from pipelines.ingest._excel import check_input

    problem = check_input(path, label)
    if problem:
        print(f"{label}: {problem.reason}\n  result: ERRORS FOUND (rule {problem.rule})")
        return 1
    fmt = fmt or detect_format(path)
    if fmt is None:
        print(f"error: the format of {label} was not recognised; pass --format with one of: "
              f"{', '.join(sorted(adapters()))}", file=sys.stderr)
        return 2
    with unseen("pandas"):
        clean = vouch_clean(path, fmt, label)
    if clean is not None:
        print(_title(path, label, fmt))
        print(_accounting(clean, clean, 0, 0, 0))
        print("  result: no errors")
        return 0
    return _staged_report(path, label, fmt, limit)


def _accounting(read: int, staged: int, quarantined: int, errors: int, excluded: int) -> str:
    """The summary line, worded the same whether the clean-file check vouched or staging ran."""
    return (f"  rows read {read}, would be staged {staged}, quarantined {quarantined} (errors {errors}, "
            f"excluded {excluded})")


def _staged_report(path: Path, label: str, fmt: str, limit: int) -> int:
    """Read the file with its adapter, stage it and print the accounting and the errors."""
    from pipelines.core import staging
    from pipelines.core.manifest import Entry, sha256_of
    from pipelines.ingest import read_file

    result = read_file(path, fmt, label)
    entry = Entry(label, sha256_of(path), path.stat().st_size, fmt, "", "")
    outcome = staging.stage(staging.collect([(entry, result)]))
    files = outcome.files.iloc[0]
    q = outcome.quarantine
    errors = q[q["severity"].isin(["error", "file_error"])]
    print(_title(path, label, fmt))
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


def _title(path: Path, label: str, fmt: str) -> str:
    from pipelines.core.parsing import encoding_note

    return f"{label}: format {fmt}" + (f" ({note})" if (note := encoding_note(path)) else "")
