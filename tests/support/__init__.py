"""Helpers shared by the tests (not tests themselves). `tests/` is on pytest's `pythonpath`, so a test imports them as
`from support import shared_file, published` (the helpers below) or `from support.adapter_checks import Sample`
(the helpers of one family, in the modules of this package). Fixtures stay in tests/conftest.py.

Real public extracts are read from ../shared/data and never copied into the repository.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("ISOC_SHARED_DATA", REPO.parent / "shared" / "data"))

# Vintages of the folders whose files state none, as each folder's PROVENANCE.md gives them: what a statistician
# declares with `isoc snapshot add --vintage` (staging ranks vintages of one class of source by it).
DECLARED_VINTAGES = {"owid_internet_use_2024": "2024", "owid_wb_ict_series_to2019": "2021-10"}


def shared_file(shared_data: Path, relative: str) -> Path:
    path = shared_data / relative
    if not path.is_file():
        pytest.skip(f"{relative} is missing from {shared_data}; integration test skipped")
    return path


def shared_folder(shared_data: Path, relative: str) -> Path:
    path = shared_data / relative
    if not path.is_dir():
        pytest.skip(f"{relative}/ is missing from {shared_data}; integration test skipped")
    return path


def shared_folders(shared_data: Path) -> dict[str, list[Path]]:
    """{folder path relative to ../shared/data: its files}, for every folder at any depth that holds files (the
    top-level README.md is about the collection, not a source, and is left out)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(p for p in shared_data.rglob("*") if p.is_file() and p.parent != shared_data):
        found.setdefault(path.parent.relative_to(shared_data).as_posix(), []).append(path)
    return found


def published(release_fixture, table: str):
    """One published table of a release fixture (raw_root, warehouse, release) as a DataFrame."""
    import pandas as pd

    _, warehouse, release = release_fixture
    return pd.read_parquet(warehouse / "published" / release / f"{table}.parquet")


def snapshot(raw_root: Path, release: str, files: list[Path], subdir: str = "", vintage: str = "") -> None:
    """Add data files (format detected, `vintage` declared) and .md notes (documentation) to a release."""
    from pipelines import snapshots
    from pipelines.core import manifest

    docs = [f for f in files if f.suffix.lower() == ".md"]
    snapshots.add_files(raw_root, release, [f for f in files if f not in docs], subdir=subdir, added="2026-01-01",
                       vintage=vintage)
    if docs:
        snapshots.add_files(raw_root, release, docs, subdir=subdir, fmt=manifest.DOCUMENTATION, added="2026-01-01")
