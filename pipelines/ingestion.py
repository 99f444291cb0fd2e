"""Reading a release: verify its snapshot and run each file's adapter, handing the results to staging one by one.

It sits above both layers it joins (pipelines/ingest reads files, pipelines/core/staging stages records), so neither
imports the other.

A large release is read by several processes: the adapters are Python and hold one core each, and a scale-10
release spent most of its ingest step in them. Results still reach staging in manifest order, so the release is the
same whichever way it was read. A small release is read in this process, where starting workers (each imports
pandas, Pandera and the adapters, about a second) would cost more than it saves.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator

from pipelines.core import manifest
from pipelines.core.canonical import AdapterResult
from pipelines.core.machine import cores, workers_setting
from pipelines.ingest import read_file

# Project choices, measured on the 2-core machine (docs/benchmarks.md): below this many bytes of raw files a release
# is read in-process. Reading and loading every file of ../shared/data (28 MB) into the ingest tables took 10.1 s
# alone and 8.0 s with two workers (means of four runs, once staging inserted in batches; 9.6 and 9.0 s before);
# scale 1 (15 MB) 4.7 s either way; scale 10 (149 MB) 43.3 s alone, 26.4 s with two. Workers are at most the cores,
# and this many.
PARALLEL_FROM_BYTES = 20 * 1024 ** 2
MAX_WORKERS = 4
WORKERS_SETTING = "ISOC_READ_WORKERS"      # when set, the reading processes whatever the size (1: this process)


class ReadingProcessEnded(RuntimeError):
    """A reading process ended before handing back its file (killed, often for lack of memory)."""


def read_release(raw_root: Path, release: str, progress: Callable[[str], None] = lambda _: None,
                 workers: int | None = None) -> Iterator[tuple[manifest.Entry, AdapterResult]]:
    """Verify the snapshot, then yield each data file's entry and adapter result (as Arrow tables: read_for_staging)
    in manifest order (in memory: the tables the consumer holds, as staging.collect holds a batch, plus those the
    workers read ahead). `workers`: reading processes (1: this one); None chooses by the release's size."""
    entries = manifest.verify(raw_root, release)
    folder = manifest.release_dir(raw_root, release)
    data_entries = [e for e in entries if e.format != manifest.DOCUMENTATION]
    if workers is None:
        workers = default_workers(sum((folder / e.path).stat().st_size for e in data_entries))
    results = _read_in_order(folder, data_entries, workers)
    for n, (entry, result) in enumerate(zip(data_entries, results), start=1):
        progress(f"[{n}/{len(data_entries)}] {entry.path} ({entry.format}): {result.rows_read} read, "
                 f"{len(result.observations)} candidate observations, {len(result.quarantine)} quarantined")
        yield entry, result


def default_workers(raw_bytes: int) -> int:
    """The reading processes for a release of this many bytes of raw files (1: read in this process), unless the
    environment variable ISOC_READ_WORKERS gives their number."""
    chosen = workers_setting(WORKERS_SETTING, "reading processes", "reads in the main process")
    if chosen:
        return chosen
    return min(cores(), MAX_WORKERS) if raw_bytes >= PARALLEL_FROM_BYTES else 1


def read_for_staging(path: Path, fmt: str, label: str) -> AdapterResult:
    """A file's adapter result in the Arrow form staging inserts (AdapterResult.as_arrow): a reading process converts
    its own results, which then cross to the staging process more cheaply."""
    return read_file(path, fmt, label).as_arrow()


def _read_in_order(folder: Path, entries: list[manifest.Entry], workers: int,
                   read: Callable[..., AdapterResult] = read_for_staging) -> Iterator[AdapterResult]:
    """Each entry's result (`read`, module level so that a worker can import it), in the entries' order. With
    workers > 1, separate processes read them, at most four files per worker ahead of the consumer, so that a long
    file holds no worker idle while memory stays bounded. Workers are spawned, not forked: the parent may hold
    DuckDB's and Dagster's threads, which a fork would copy mid-work. A worker that dies is a ReadingProcessEnded
    naming the files being read then."""
    def arguments(entry: manifest.Entry) -> tuple:
        return folder / entry.path, entry.format, entry.path

    if workers <= 1:
        yield from (read(*arguments(e)) for e in entries)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_stoppable) as pool:
        try:
            yield from _in_order(pool, entries, read, arguments, 4 * workers)
        finally:        # the consumer failed or stopped: the files still queued are not read
            pool.shutdown(cancel_futures=True)


def _in_order(pool: ProcessPoolExecutor, entries: list[manifest.Entry], read: Callable[..., AdapterResult],
              arguments: Callable[[manifest.Entry], tuple], ahead: int) -> Iterator[AdapterResult]:
    """The pool's results in the entries' order, `ahead` files submitted beyond the one handed back."""
    waiting = iter(entries)
    pending = deque((e, pool.submit(read, *arguments(e))) for e in islice(waiting, ahead))
    while pending:
        entry, future = pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            reading = ", ".join(e.path for e in [entry, *(e for e, _ in pending)])
            raise ReadingProcessEnded(
                f"a process reading the release ended abruptly (killed, often for lack of memory) while it read "
                f"one of: {reading}; nothing more was read. Free memory, or read with fewer processes: "
                f"{WORKERS_SETTING}=1 reads in the main process.") from None    # the pool's message says less
        following = next(waiting, None)
        if following is not None:
            pending.append((following, pool.submit(read, *arguments(following))))
        yield result


def _stoppable() -> None:
    """Start of each reading worker: SIGTERM stops it again. A process started with SIGTERM ignored (under nohup or
    some job runners) passes that on to its children, and a broken pool, which stops its other workers with SIGTERM,
    then waited forever for one blocked handing back its file."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
