"""pipelines.ingestion: a release read by worker processes hands staging exactly what one process reads, in the
manifest's order, and only a large release starts workers."""
import dataclasses
import os
import signal

import pandas as pd
import pyarrow as pa
import pytest

from pipelines import ingestion
from pipelines.core import manifest, staging
from pipelines.ingest import read_file
from pipelines.ingestion import PARALLEL_FROM_BYTES, ReadingProcessEnded, default_workers, read_release


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
        for frame in ("observations", "quarantine", "reference"):                # Arrow tables, as staging takes them
            assert getattr(two, frame).equals(getattr(one, frame), check_metadata=True), (entry.path, frame)
        assert (two.notes, two.vintage, two.tables.keys()) == (one.notes, one.vintage, one.tables.keys()), entry.path
        for name, table in one.tables.items():
            assert two.tables[name].equals(table, check_metadata=True), (entry.path, name)
    assert sum(len(r.quarantine) for _, r in shared) > 0               # the planted bad rows came back too
    assert any(r.tables for _, r in shared)                             # the tariff plans' own table


def test_a_result_in_arrow_holds_the_adapters_frames(demo_release):
    """What staging is handed (AdapterResult.as_arrow): every frame of the adapter's result, row for row, with the
    Arrow types of its pandas types, quarantine and own tables included; the counts and notes as they were."""
    raw_root, _, release = demo_release
    folder = manifest.release_dir(raw_root, release)
    entries = [e for e in manifest.verify(raw_root, release) if e.format in ("tariff_plans_csv", "itu_datahub_csv")]
    results = [(read_file(folder / e.path, e.format, e.path), ingestion.read_for_staging(folder / e.path, e.format,
                                                                                         e.path)) for e in entries]
    assert any(len(frames.quarantine) for frames, _ in results) and any(frames.tables for frames, _ in results)
    for frames, arrow in results:
        pairs = [(getattr(arrow, f), getattr(frames, f)) for f in ("observations", "quarantine", "reference")]
        assert arrow.tables.keys() == frames.tables.keys()
        for table, frame in pairs + [(arrow.tables[name], frames.tables[name]) for name in frames.tables]:
            pd.testing.assert_frame_equal(table.to_pandas(), frame.reset_index(drop=True), check_dtype=False)
            assert table.schema.equals(pa.Schema.from_pandas(frame, preserve_index=False))
        assert (arrow.rows_read, arrow.notes, arrow.vintage) == (frames.rows_read, frames.notes, frames.vintage)
    from_frames = staging.collect([(e, frames) for e, (frames, _) in zip(entries, results)])
    from_arrow = staging.collect([(e, arrow) for e, (_, arrow) in zip(entries, results)])
    for table in staging.INGEST_TABLES:      # staged from pandas frames as before: the same rows, in the same order
        query = f"SELECT * FROM {table} ORDER BY rowid"
        assert from_arrow.con.sql(query).fetchall() == from_frames.con.sql(query).fetchall(), table
    pd.testing.assert_frame_equal(from_arrow.files, from_frames.files)


def test_workers_start_only_for_a_large_release(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(8)))
    assert default_workers(PARALLEL_FROM_BYTES - 1) == 1
    assert default_workers(PARALLEL_FROM_BYTES) == ingestion.MAX_WORKERS == 4
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    assert default_workers(10 * PARALLEL_FROM_BYTES) == 2


def test_the_environment_can_choose_the_reading_processes(monkeypatch):
    monkeypatch.setenv("ISOC_READ_WORKERS", "1")
    assert default_workers(10 * PARALLEL_FROM_BYTES) == 1
    monkeypatch.setenv("ISOC_READ_WORKERS", "3")
    assert default_workers(0) == 3
    for mistyped in ("none", "\u00b2", "0"):     # '²' is a digit to str.isdigit, not to int()
        monkeypatch.setenv("ISOC_READ_WORKERS", mistyped)
        with pytest.raises(ValueError, match=f"ISOC_READ_WORKERS='{mistyped}': give the number of reading processes"):
            default_workers(0)


KILLED = "killed:"


def _killed_reading(path, fmt, label):
    """Reads as the adapters do, but the process reading a file whose format is marked KILLED is killed, as the
    kernel kills a process for memory. Module level: spawned workers import it."""
    if fmt.startswith(KILLED):
        os.kill(os.getpid(), signal.SIGKILL)
    return read_file(path, fmt, label)


def test_a_reading_process_that_dies_is_an_error_naming_the_files_being_read(demo_release):
    raw_root, _, release = demo_release
    entries = [e for e in manifest.verify(raw_root, release) if e.format != manifest.DOCUMENTATION]
    entries[6] = dataclasses.replace(entries[6], format=KILLED + entries[6].format)
    read = ingestion._read_in_order(manifest.release_dir(raw_root, release), entries, 2, read=_killed_reading)
    got = []
    with pytest.raises(ReadingProcessEnded) as caught:
        got.extend(read)
    message = str(caught.value)
    assert message.startswith("a process reading the release ended abruptly (killed, often for lack of memory)")
    assert entries[6].path in message and "ISOC_READ_WORKERS=1 reads in the main process" in message
    assert entries[0].path not in message and len(got) <= 6        # the files handed back before are not named
    assert caught.value.__cause__ is None                            # the one line a user sees is this one


def _sigterm_disposition(path, fmt, label):
    return signal.getsignal(signal.SIGTERM)


def test_reading_workers_stop_when_their_pool_stops_them(demo_release):
    """Started from a process that ignores SIGTERM (as some job runners start everything), a worker would survive the
    SIGTERM with which a broken pool stops the others, and the pool would wait for it forever."""
    raw_root, _, release = demo_release
    entries = [e for e in manifest.verify(raw_root, release) if e.format != manifest.DOCUMENTATION][:4]
    before = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        seen = list(ingestion._read_in_order(manifest.release_dir(raw_root, release), entries, 2,
                                             read=_sigterm_disposition))
    finally:
        signal.signal(signal.SIGTERM, before)
    assert seen == [signal.SIG_DFL] * 4


def test_an_error_raised_in_a_worker_reaches_the_caller_with_its_own_type(tmp_path):
    """A manifest naming a format this version has no adapter for: read_file raises in the worker process."""
    from pipelines import snapshots

    table = tmp_path / "codes.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    snapshots.add_files(tmp_path / "raw", "r", [table], fmt="wdi_wide_csv", added="2026-01-01")
    listing = tmp_path / "raw" / "r" / "manifest.json"
    listing.write_text(listing.read_text(encoding="utf-8").replace('"wdi_wide_csv"', '"retired_format"'),
                       encoding="utf-8")
    with pytest.raises(ValueError, match="No adapter for format 'retired_format'"):
        list(read_release(tmp_path / "raw", "r", workers=2))


def test_inserting_in_batches_loads_the_ingest_tables_exactly_as_frame_by_frame(demo_release, monkeypatch):
    """staging.collect inserts the frames of many files at once (BATCH_ROWS): the ingest tables hold the same rows in
    the same order (rowid is the order staging keeps) as with one INSERT per frame."""
    from pipelines.core import staging

    raw_root, _, release = demo_release
    results = list(read_release(raw_root, release, workers=1))

    def loaded(batch_rows: int) -> dict[str, list[tuple]]:
        monkeypatch.setattr(staging, "BATCH_ROWS", batch_rows)
        con = staging.collect(results).con
        tables = {t: con.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in staging.INGEST_TABLES}
        tables["vintage named"] = con.execute("SELECT count(*) FROM ingest_candidates WHERE source LIKE "
                                              "'%(vintage %'").fetchall()
        return tables

    frame_by_frame = loaded(1)
    assert loaded(5_000) == frame_by_frame             # a batch every few files
    assert loaded(10 ** 9) == frame_by_frame           # one batch
    assert len(frame_by_frame["ingest_candidates"]) > 5_000 and frame_by_frame["ingest_quarantine"]
    assert frame_by_frame["vintage named"][0][0] > 0   # the source of a file with an inferred or declared vintage
