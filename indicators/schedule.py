"""Indicator specs run side by side on cursors of one release database, each as soon as the specs it reads are made.

The release database keeps one writer, this process: DuckDB lets cursors of one connection create different tables
at the same time. Each query stays on one thread (warehouse.connect's default, so that sums add their values in the
same order in every run), and the cores go to specs running at once instead: a SQL spec, or the DuckDB and Arrow
parts of a Python one, release the GIL, so two specs share the two cores of a small machine. A spec reads only the
tables it declares (depends_on), so its result is the same whichever specs run beside it
(tests/foundation/test_indicator_schedule.py compares a release made both ways).
"""
from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import duckdb

from indicators.loader import IndicatorSpec
from pipelines.core.machine import threads, workers_setting

WORKERS_SETTING = "ISOC_INDICATOR_WORKERS"      # when set, specs run at once (1: one after another)


@dataclass(frozen=True)
class Outcome:
    """What became of one spec: `value` (what `work` returned) and its seconds, the error it raised, or the inputs
    that failed so that it did not run (`inputs_failed`)."""
    spec: IndicatorSpec
    value: Any = None
    seconds: float = 0.0
    error: Exception | None = None
    inputs_failed: tuple[str, ...] = ()


def default_workers() -> int:
    """Specs run at once: ISOC_INDICATOR_WORKERS when set, else one per core, at most machine.MAX_THREADS."""
    return workers_setting(WORKERS_SETTING, "indicator specs run at once", "runs them one after another") or threads()


def run_specs(con: duckdb.DuckDBPyConnection, specs: list[IndicatorSpec],
              work: Callable[[duckdb.DuckDBPyConnection, IndicatorSpec], Any], workers: int) -> Iterator[Outcome]:
    """Each spec's Outcome as it finishes: `work(cursor, spec)` runs once every spec it depends on among `specs`
    succeeded, on a cursor of `con` of its own (closed afterwards); a spec whose input failed or did not run is not
    run. Tables outside `specs` are taken as made; a cycle among `specs` is a ValueError, not a wait."""
    scheduled = {s.table for s in specs}
    waiting = list(specs)
    succeeded: set[str] = set()
    not_made: set[str] = set()
    running: dict[Future, IndicatorSpec] = {}
    with ThreadPoolExecutor(max(1, workers)) as pool:
        while waiting or running:
            before = len(waiting)
            for spec in list(waiting):
                inputs = [d for d in spec.depends_on if d in scheduled]
                failed = tuple(d for d in inputs if d in not_made)
                if failed:
                    waiting.remove(spec)
                    not_made.add(spec.table)
                    yield Outcome(spec, inputs_failed=failed)
                elif len(running) < max(1, workers) and all(d in succeeded for d in inputs):
                    waiting.remove(spec)
                    running[pool.submit(_timed, work, con.cursor(), spec)] = spec
            if not running:
                if len(waiting) == before:      # nothing can start and nothing runs: the specs depend in a cycle
                    raise ValueError(f"indicator specs wait on each other in a cycle: "
                                     f"{', '.join(s.table for s in waiting)}")
                continue        # the specs left wait on one that just failed: the loop above takes them out
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: specs.index(running[f])):     # a stable order of the logs
                spec = running.pop(future)
                outcome = future.result()
                (succeeded if outcome.error is None else not_made).add(spec.table)
                yield outcome


def _timed(work: Callable, cursor: duckdb.DuckDBPyConnection, spec: IndicatorSpec) -> Outcome:
    start = time.perf_counter()
    try:
        value = work(cursor, spec)
    except Exception as exc:   # the other specs still run: the caller lists every failure at once
        return Outcome(spec, error=exc, seconds=time.perf_counter() - start)
    finally:
        cursor.close()
    return Outcome(spec, value=value, seconds=time.perf_counter() - start)
