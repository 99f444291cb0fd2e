"""One run per release: an exclusive lock file beside the release database (warehouse/duckdb/<release>.lock).

A second run of the same release stops at once, naming the run and process that hold the lock; runs of other
releases are not affected. The lock is an flock on an open file, so the system releases it when its process dies:
a lock file left by a killed run (a dead pid in it) is simply taken over.
"""
from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pipelines.core.warehouse import database_path


class ReleaseBusy(Exception):
    """Another run is building this release."""


def lock_path(warehouse_dir: Path, release: str) -> Path:
    return database_path(warehouse_dir, release).with_suffix(".lock")


@contextmanager
def hold(warehouse_dir: Path, release: str, run_id: str) -> Iterator[Path]:
    """Hold the release's lock for the body; raises ReleaseBusy when another live process holds it."""
    path = lock_path(warehouse_dir, release)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            raise ReleaseBusy(f"release {release!r} is being built by run {holder.get('run_id', '?')} "
                              f"(pid {holder.get('pid', '?')}); wait for it to finish (lock: {path})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"run_id": run_id, "pid": os.getpid()}).encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)   # also releases the flock


def _holder(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0) or b"{}")
    except ValueError:   # the holder is between truncating and writing its details
        return {}
