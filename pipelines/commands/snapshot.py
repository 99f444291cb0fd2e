"""`isoc snapshot add --release R FILE_OR_FOLDER...`: copy files into an immutable release and record them."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.commands._paths import add_path_options
from pipelines.core import manifest
from pipelines import snapshots


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("snapshot", help="manage raw snapshots (releases)")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add files to a release (format detected from each file's header); a "
                                         "folder adds every file under it, kept under the folder's name")
    add.add_argument("--release", required=True)
    add.add_argument("--format", dest="fmt", help="override format detection (e.g. documentation)")
    add.add_argument("--subdir", default="", help="folder inside the release to copy the files into")
    add.add_argument("--origin", help="producer of the files (default: the adapter's)")
    add.add_argument("--vintage", default="", help="when the data were published (ISO 2024, 2024-06 or 2024-06-30), "
                     "for files that do not state it (e.g. an OWID download); the newer vintage of one class of "
                     "source wins (pipelines/reference/source_priority.csv)")
    add.add_argument("files", nargs="+", type=Path)
    add_path_options(add)
    add.set_defaults(func=run_add)


def run_add(args: argparse.Namespace) -> int:
    try:
        entries = snapshots.add_files(args.raw_root, args.release, args.files, fmt=args.fmt, subdir=args.subdir,
                                      origin=args.origin, vintage=args.vintage)
    except manifest.ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for e in entries:
        print(f"added {e.path}  format={e.format}  sha256={e.sha256[:12]}  {e.bytes} bytes")
    for reason in entries.kept:
        print(f"not added {reason}")
    total = len(manifest.load(args.raw_root, args.release))
    print(f"release {args.release!r}: {len(entries)} file(s) added, {len(entries.kept)} not added, {total} in the "
          f"manifest ({manifest.release_dir(args.raw_root, args.release) / manifest.MANIFEST})")
    return 0
