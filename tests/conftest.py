"""Shared fixtures. Real public extracts are read from ../shared/data and never copied into the repository."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ISOC_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real public extracts; tests that need it skip with a clear message when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real public extracts not found at {SHARED_DATA} (set ISOC_SHARED_DATA or put shared/ beside the "
                    "checkout); integration test skipped")
    return SHARED_DATA


def shared_file(shared_data: Path, relative: str) -> Path:
    path = shared_data / relative
    if not path.is_file():
        pytest.skip(f"{relative} is missing from {shared_data}; integration test skipped")
    return path


def published(release_fixture, table: str):
    """One published table of a release fixture (raw_root, warehouse, release) as a DataFrame."""
    import pandas as pd

    _, warehouse, release = release_fixture
    return pd.read_parquet(warehouse / "published" / release / f"{table}.parquet")


def build_release(raw_root: Path, warehouse: Path, release: str, files: list[Path]):
    """Snapshot `files` into a release and materialize it in-process on an ephemeral Dagster instance."""
    import dagster as dg

    from pipelines.commands.run import materialize

    snapshot(raw_root, release, files)
    return materialize(release, raw_root, warehouse, instance=dg.DagsterInstance.ephemeral())


def snapshot(raw_root: Path, release: str, files: list[Path], subdir: str = "", vintage: str = "") -> None:
    """Add data files (format detected, `vintage` declared) and .md notes (documentation) to a release."""
    from pipelines.core import manifest
    from pipelines import snapshots

    docs = [f for f in files if f.suffix.lower() == ".md"]
    snapshots.add_files(raw_root, release, [f for f in files if f not in docs], subdir=subdir, added="2026-01-01",
                        vintage=vintage)
    if docs:
        snapshots.add_files(raw_root, release, docs, subdir=subdir, fmt=manifest.DOCUMENTATION, added="2026-01-01")


# Vintages of the folders whose files state none, as each folder's PROVENANCE.md gives them: what a statistician
# declares with `isoc snapshot add --vintage` (staging ranks vintages of one class of source by it).
DECLARED_VINTAGES = {"owid_internet_use_2024": "2024", "owid_wb_ict_series_to2019": "2021-10"}


def shared_folders(shared_data: Path) -> dict[str, list[Path]]:
    """{folder path relative to ../shared/data: its files}, for every folder at any depth that holds files (the
    top-level README.md is about the collection, not a source, and is left out)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(p for p in shared_data.rglob("*") if p.is_file() and p.parent != shared_data):
        found.setdefault(path.parent.relative_to(shared_data).as_posix(), []).append(path)
    return found


@pytest.fixture(scope="session")
def real_release(shared_data: Path, tmp_path_factory):
    """Every file of ../shared/data, in every subfolder, snapshotted under its own folder path (so equal names in two
    vintage folders stay apart) and run once: (raw_root, warehouse, release)."""
    import dagster as dg

    from pipelines.commands.run import materialize

    root = tmp_path_factory.mktemp("real")
    raw_root, warehouse, release = root / "raw", root / "warehouse", "real"
    for folder, files in shared_folders(shared_data).items():
        snapshot(raw_root, release, files, subdir=folder, vintage=DECLARED_VINTAGES.get(folder, ""))
    result = materialize(release, raw_root, warehouse, instance=dg.DagsterInstance.ephemeral())
    assert result.success, "the release built from ../shared/data did not run to completion"
    return raw_root, warehouse, release


@pytest.fixture(scope="session")
def demo_release(tmp_path_factory):
    """The generated demo release, run once per session: (raw_root, warehouse, release)."""
    import dagster as dg

    from pipelines.commands.demo import build_demo
    from pipelines.commands.run import materialize

    root = tmp_path_factory.mktemp("demo")
    raw_root, warehouse = root / "raw", root / "warehouse"
    build_demo(raw_root)
    result = materialize("demo", raw_root, warehouse, instance=dg.DagsterInstance.ephemeral())
    assert result.success, "the demo release did not run to completion"
    return raw_root, warehouse, "demo"
