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
