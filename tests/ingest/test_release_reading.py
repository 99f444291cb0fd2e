"""pipelines.ingestion: a release read by worker processes hands staging exactly what one process reads, in the
manifest's order, and only a large release starts workers."""
import os

import pandas as pd

from pipelines import ingestion
from pipelines.ingestion import PARALLEL_FROM_BYTES, default_workers, read_release


def test_two_workers_read_the_demo_release_exactly_as_one_process(demo_release):
    raw_root, _, release = demo_release
    messages = {1: [], 2: []}
    alone = list(read_release(raw_root, release, progress=messages[1].append, workers=1))
    shared = list(read_release(raw_root, release, progress=messages[2].append, workers=2))
    assert len(alone) >= 29                                            # every demo data file
    assert [entry for entry, _ in shared] == [entry for entry, _ in alone]
    assert messages[2] == messages[1]                                  # the same progress, in the same order
    for (entry, one), (_, two) in zip(alone, shared):
        assert two.rows_read == one.rows_read, entry.path
        pd.testing.assert_frame_equal(two.observations, one.observations)
        pd.testing.assert_frame_equal(two.quarantine, one.quarantine)
        assert two.tables.keys() == one.tables.keys(), entry.path
    assert sum(len(r.quarantine) for _, r in shared) > 0               # the planted bad rows came back too


def test_workers_start_only_for_a_large_release(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert default_workers(PARALLEL_FROM_BYTES - 1) == 1
    assert default_workers(PARALLEL_FROM_BYTES) == ingestion.MAX_WORKERS == 4
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert default_workers(10 * PARALLEL_FROM_BYTES) == 2
