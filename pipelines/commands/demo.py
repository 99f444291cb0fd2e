"""`isoc demo`: generate the labelled demo release (all economies, 2000-2024, real formats) and snapshot it."""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from pipelines.commands._paths import add_path_options
from pipelines.core import manifest
from pipelines import snapshots

DEMO_RELEASE = "demo"
DEMO_ADDED = "2026-01-01"   # fixed so the demo manifest is reproducible


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="generate the demo release under the raw root (replaces an old demo)")
    add_path_options(parser)
    parser.set_defaults(func=lambda args: print(f"demo release written to {build_demo(args.raw_root.resolve())}") or 0)


def build_demo(raw_root: Path) -> Path:
    """Write raw/demo/ afresh and register every file in its manifest."""
    from pipelines.demo import generate_demo_release

    folder = manifest.release_dir(raw_root, DEMO_RELEASE)
    if folder.exists():
        shutil.rmtree(folder)
    files = generate_demo_release(raw_root, DEMO_RELEASE)
    docs = [f for f in files if f.suffix.lower() == ".md"]
    data = [f for f in files if f not in docs]
    unsupported = [f for f in data if _is_unread_input(f)]
    snapshots.add_files(raw_root, DEMO_RELEASE, [f for f in data if f not in unsupported], added=DEMO_ADDED)
    if docs or unsupported:
        snapshots.add_files(raw_root, DEMO_RELEASE, docs + unsupported, fmt=manifest.DOCUMENTATION, added=DEMO_ADDED)
    manifest.mark_synthetic(raw_root, DEMO_RELEASE)
    return folder


def _is_unread_input(path: Path) -> bool:
    """Inputs no adapter reads yet (kept in the release for provenance)."""
    from pipelines.ingest import detect_format

    return detect_format(path) is None
