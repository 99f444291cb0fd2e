"""Shared fixtures, and the markers that split the suite by speed. Helpers live in tests/support (`from support
import shared_file`); real public extracts are read from ../shared/data and never copied into the repository."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import DECLARED_VINTAGES, SHARED_DATA, shared_folders, snapshot

# A test that needs one of these fixtures (directly or through another fixture) gets its marker at collection, so a
# new release-building test cannot be left out of the slow lane: `scripts/test.sh --fast` deselects these markers and
# `slow` (pyproject's [tool.pytest.ini_options] describes each).
MARKER_OF_FIXTURE = {"demo_release": "e2e", "real_release": "e2e", "sdmx_release": "e2e", "browse": "browser",
                     "spark_config": "spark", "shared_data": "integration"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in sorted(MARKER_OF_FIXTURE.keys() & set(getattr(item, "fixturenames", ()))):
            item.add_marker(MARKER_OF_FIXTURE[fixture])


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real public extracts; tests that need it skip with a clear message when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real public extracts not found at {SHARED_DATA} (set ISOC_SHARED_DATA or put shared/ beside the "
                    "checkout); integration test skipped")
    return SHARED_DATA


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
