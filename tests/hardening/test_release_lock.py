"""One run per release: a second run of the same release stops at once naming the run and pid that hold it; other
releases proceed; a lock left by a killed run is taken over (issue 12: weak spot 'two isoc run of one release')."""
import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from support.hardening_inputs import datahub_text
from pipelines.cli import main
from pipelines import snapshots
from pipelines.core import release_lock


def test_a_second_holder_of_the_same_release_stops_at_once_naming_the_first(tmp_path):
    with release_lock.hold(tmp_path, "r1", "run-a") as path:
        with pytest.raises(release_lock.ReleaseBusy) as exc:
            with release_lock.hold(tmp_path, "r1", "run-b"):
                pass
        assert str(exc.value).startswith(f"release 'r1' is being built by run run-a (pid {os.getpid()})")
        with release_lock.hold(tmp_path, "r2", "run-c"):       # another release is not affected
            assert json.loads(release_lock.lock_path(tmp_path, "r2").read_text())["run_id"] == "run-c"
        assert path == tmp_path / "duckdb" / "r1.lock"
    with release_lock.hold(tmp_path, "r1", "run-d"):          # released at the end of the first run
        pass


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pipelines.core import release_lock
        with release_lock.hold({str(tmp_path)!r}, "r1", "run-killed"):
            print("holding", flush=True)
            time.sleep(600)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(release_lock.ReleaseBusy, match=rf"run run-killed \(pid {holder.pid}\)"):
            with release_lock.hold(tmp_path, "r1", "run-b"):
                pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert json.loads(release_lock.lock_path(tmp_path, "r1").read_text())["pid"] == holder.pid   # stale content
    with release_lock.hold(tmp_path, "r1", "run-b"):
        assert json.loads(release_lock.lock_path(tmp_path, "r1").read_text()) == {"run_id": "run-b",
                                                                                  "pid": os.getpid()}


def test_isoc_run_of_a_release_being_built_prints_one_line(tmp_path, capsys):
    source = tmp_path / "in" / "hub.csv"
    source.parent.mkdir()
    source.write_text(datahub_text([("DEU", "Germany", "45.6", 2023)]), encoding="utf-8-sig")
    snapshots.add_files(tmp_path / "raw", "r1", [source])
    with release_lock.hold(tmp_path / "wh", "r1", "run-first"):
        code = main(["run", "--release", "r1", "--raw-root", str(tmp_path / "raw"),
                     "--warehouse", str(tmp_path / "wh")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"error: release 'r1' is being built by run run-first (pid {os.getpid()})")
    assert not (tmp_path / "wh" / "duckdb" / "r1.duckdb").exists()
