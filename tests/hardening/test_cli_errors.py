"""No traceback reaches a user: a full disk, a read-only warehouse, a locked database and a failed blocking check
each end in lines naming the cause and the path (issue 12: weak spots on errors that name their cause)."""
import errno
import subprocess
import sys
import tempfile
import textwrap

import dagster as dg
import duckdb
import pytest

from support.hardening_inputs import ROWS, datahub_text
from pipelines.cli import main
from pipelines.commands import run as run_command
from pipelines.commands import validate
from pipelines.commands._errors import describe
from pipelines import snapshots
from pipelines.core import warehouse

TRACEBACK_MARKS = ("Traceback", "Stack Trace", 'File "', "DagsterExecutionStepExecutionError")


@pytest.fixture
def tiny_release(tmp_path, monkeypatch):
    """A one-file release and the CLI arguments that run it on an ephemeral Dagster instance."""
    monkeypatch.setattr(run_command, "dagster_instance", dg.DagsterInstance.ephemeral)
    source = tmp_path / "in" / "hub.csv"
    source.parent.mkdir()
    source.write_text(datahub_text(ROWS), encoding="utf-8-sig")
    snapshots.add_files(tmp_path / "raw", "r1", [source], added="2026-01-01")
    return ["run", "--release", "r1", "--raw-root", str(tmp_path / "raw"), "--warehouse", str(tmp_path / "wh")]


@pytest.mark.e2e
def test_a_full_disk_during_a_run_is_named_with_its_path_and_no_traceback(tiny_release, tmp_path, monkeypatch,
                                                                          capsys):
    database = tmp_path / "wh" / "duckdb" / "r1.duckdb"

    def disk_full(con, name, frame, temp=False):
        raise OSError(errno.ENOSPC, "No space left on device", str(database))

    monkeypatch.setattr(warehouse, "write_table", disk_full)
    assert main(tiny_release) == 1
    err = capsys.readouterr().err
    assert f"  - ingested_records failed: disk full: {database}\n" in err
    assert not any(mark in err for mark in TRACEBACK_MARKS), err


def test_a_read_only_warehouse_is_one_line_naming_it(tiny_release, tmp_path, monkeypatch, capsys):
    def read_only(dir, prefix):
        raise OSError(errno.EROFS, "Read-only file system", str(dir))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", read_only)
    assert main(tiny_release) == 2
    assert capsys.readouterr().err == f"error: read-only file system: {tmp_path / 'wh'}\n"


@pytest.mark.parametrize("setting, sentence", [
    ("ISOC_READ_WORKERS", "give the number of reading processes, 1 or more (1 reads in the main process)"),
    ("ISOC_INDICATOR_WORKERS", "give the number of indicator specs run at once, 1 or more (1 runs them one after "
                               "another)")])
def test_a_mistyped_worker_setting_stops_a_run_before_it_starts(tiny_release, tmp_path, monkeypatch, capsys,
                                                                 setting, sentence):
    monkeypatch.setenv(setting, "two")
    assert main(tiny_release) == 2
    assert capsys.readouterr().err == f"error: {setting}='two': {sentence}\n"
    assert not (tmp_path / "wh").exists()             # nothing read, nothing written


def test_a_database_locked_by_another_process_is_named_with_its_pid(tmp_path):
    path = tmp_path / "r1.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, time
        con = duckdb.connect({str(path)!r})
        print("open", flush=True)
        time.sleep(600)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(duckdb.IOException) as exc:
            duckdb.connect(str(path))
    finally:
        holder.kill()
        holder.wait()
    assert describe(exc.value) == f"the file is locked by another process (pid {holder.pid}): {path}"


@pytest.mark.parametrize("error, line", [
    (OSError(errno.ENOSPC, "No space left on device", "/w/x.parquet"), "disk full: /w/x.parquet"),
    (PermissionError(errno.EACCES, "Permission denied", "/w/duckdb"), "permission denied (read-only or not yours): "
                                                                     "/w/duckdb"),
    (OSError(errno.EROFS, "Read-only file system", "/w"), "read-only file system: /w"),
    (ValueError("bad value\nsecond line"), "ValueError: bad value"),
])
def test_errors_are_described_in_one_line(error, line):
    assert describe(error) == line


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, capsys, tmp_path):
    def broken(args):
        raise RuntimeError("something broke\nwith details")

    monkeypatch.setattr(validate, "run", broken)
    path = tmp_path / "x.csv"
    path.write_text("a\n")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err == "error: RuntimeError: something broke (isoc --debug shows the traceback)\n"
    with pytest.raises(RuntimeError, match="something broke"):
        main(["--debug", "validate", str(path)])


@pytest.mark.e2e
def test_a_failed_blocking_check_prints_its_reason_and_first_failing_rows(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(run_command, "dagster_instance", dg.DagsterInstance.ephemeral)
    bad = tmp_path / "in" / "no_value.csv"
    bad.parent.mkdir()
    bad.write_text(datahub_text(ROWS).replace('"dataValue"', '"value"'), encoding="utf-8-sig")
    snapshots.add_files(tmp_path / "raw", "r1", [bad], fmt="itu_datahub_csv")
    args = ["run", "--release", "r1", "--raw-root", str(tmp_path / "raw"), "--warehouse", str(tmp_path / "wh")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "  - check staged_observations_are_sound (observations) did not pass:\n" in err
    assert "      file_errors: 1\n" in err
    assert "      problems:\n        no_value.csv: no_value.csv has no column 'dataValue'" in err
    assert not any(mark in err for mark in TRACEBACK_MARKS), err
    assert not (tmp_path / "wh" / "published" / "r1").exists()
