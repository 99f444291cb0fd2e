"""Publishing is atomic (a killed run leaves the previous release intact) and deterministic (same bytes)."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

from pipelines.core import publish
from support.publish_tables import publish_tables, table


def test_publish_switches_release_and_latest_and_removes_the_replaced_version(tmp_path):
    first = publish_tables(tmp_path, "r1", [table("t", [1.0, 2.0])], sources=[])
    old_version = os.readlink(first)
    assert pd.read_parquet(first / "t.parquet")["v"].tolist() == [1.0, 2.0]
    publish_tables(tmp_path, "r1", [table("t", [3.0])], sources=[])
    assert pd.read_parquet(tmp_path / "latest" / "t.parquet")["v"].tolist() == [3.0]
    assert not (tmp_path / old_version).exists()
    package = json.loads((tmp_path / "r1" / "datapackage.json").read_text())
    assert package["resources"][0]["rows"] == 1 and package["resources"][0]["schema"]["primaryKey"] == ["k"]


def test_same_inputs_give_byte_identical_files(tmp_path):
    a = publish_tables(tmp_path / "a", "r", [table("t", [1.5, 2.5]), table("u", [9.0])], sources=[{"title": "x"}])
    b = publish_tables(tmp_path / "b", "r", [table("u", [9.0]), table("t", [1.5, 2.5])], sources=[{"title": "x"}])
    for name in ("t.parquet", "u.parquet", "datapackage.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_version_written_table_by_table_is_served_only_when_switched_in(tmp_path):
    publish_tables(tmp_path, "r1", [table("t", [1.0])], sources=[])
    with pytest.raises(RuntimeError):
        with publish.incoming_version(tmp_path, "r1") as version:
            version.write(table("t", [2.0]))         # written as soon as built; a later check fails
            raise RuntimeError("a later check failed")
    assert pd.read_parquet(tmp_path / "r1" / "t.parquet")["v"].tolist() == [1.0]
    assert [p.name for p in (tmp_path / publish.VERSIONS).iterdir()] == [os.readlink(tmp_path / "r1").split("/")[-1]]
    with publish.incoming_version(tmp_path, "r1") as version:
        version.write(table("t", [3.0]))
        with pytest.raises(ValueError, match=r"tables \['u'\] were not written to the new version of r1"):
            version.switch([table("t", [3.0]), table("u", [4.0])], sources=[])
        served = version.switch([table("t", [3.0])], sources=[])
    assert pd.read_parquet(served / "t.parquet")["v"].tolist() == [3.0]


def test_a_failure_while_writing_leaves_the_previous_release_and_no_debris(tmp_path, monkeypatch):
    publish_tables(tmp_path, "r1", [table("t", [1.0])], sources=[])
    before = (tmp_path / "r1" / "t.parquet").read_bytes()
    calls = []

    def failing_write(df, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_write(df, path)

    real_write = publish.write_parquet
    monkeypatch.setattr(publish, "write_parquet", failing_write)
    with pytest.raises(OSError):
        publish_tables(tmp_path, "r1", [table("t", [7.0]), table("u", [8.0])], sources=[])
    assert (tmp_path / "r1" / "t.parquet").read_bytes() == before
    assert not [p for p in (tmp_path / publish.VERSIONS).iterdir() if p.name.startswith(".incoming")]


def test_killing_a_run_during_publishing_leaves_the_previous_release_readable_and_unchanged(tmp_path):
    publish_tables(tmp_path, "r1", [table("t", [1.0, 2.0])], sources=[])
    before = {p.name: p.read_bytes() for p in (tmp_path / "r1").iterdir()}
    marker = tmp_path / "writing"
    script = textwrap.dedent(f"""
        import pathlib, time
        import pandas as pd
        from pipelines.core import publish
        real = publish.write_parquet
        def slow(df, path):
            digest = real(df, path)
            pathlib.Path({str(marker)!r}).write_text("1")
            time.sleep(60)
            return digest
        publish.write_parquet = slow
        frame = pd.DataFrame({{"k": [0], "v": [99.0]}})
        table = publish.TableOutput("t", frame, "T", "t", [], ["k"])
        with publish.incoming_version(pathlib.Path({str(tmp_path)!r}), "r1") as version:
            version.write(table)
            version.switch([table], sources=[])
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the publishing subprocess never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = {p.name: p.read_bytes() for p in (tmp_path / "r1").iterdir()}
    assert after == before
    assert pd.read_parquet(tmp_path / "latest" / "t.parquet")["v"].tolist() == [1.0, 2.0]
