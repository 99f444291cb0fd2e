"""Reading a release: verify its snapshot and run each file's adapter, handing the results to staging one by one.

It sits above both layers it joins (pipelines/ingest reads files, pipelines/core/staging stages records), so neither
imports the other.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from pipelines.core import manifest
from pipelines.core.canonical import AdapterResult
from pipelines.ingest import read_file


def read_release(raw_root: Path, release: str, progress: Callable[[str], None] = lambda _: None
                 ) -> Iterator[tuple[manifest.Entry, AdapterResult]]:
    """Verify the snapshot, then yield each data file's entry and adapter result in manifest order (one file's
    frames in memory at a time when the consumer loads them as they come, as staging.collect does)."""
    entries = manifest.verify(raw_root, release)
    folder = manifest.release_dir(raw_root, release)
    data_entries = [e for e in entries if e.format != manifest.DOCUMENTATION]
    for n, entry in enumerate(data_entries, start=1):
        result = read_file(folder / entry.path, entry.format, entry.path)
        progress(f"[{n}/{len(data_entries)}] {entry.path} ({entry.format}): {result.rows_read} read, "
                 f"{len(result.observations)} candidate observations, {len(result.quarantine)} quarantined")
        yield entry, result
