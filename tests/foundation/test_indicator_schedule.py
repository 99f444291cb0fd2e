"""indicators.schedule: specs run side by side once their inputs are made, a failure stops only the specs that read
it, and a release's indicator tables are the same whether its specs run one after another or side by side."""
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

from indicators import schedule
from indicators.loader import IndicatorSpec


def spec(table: str, *depends_on: str) -> IndicatorSpec:
    return IndicatorSpec(table=table, title=table, family="test", path=Path(f"/specs/{table}.yaml"),
                         depends_on=depends_on)


@pytest.fixture
def con():
    connection = duckdb.connect(":memory:", config={"threads": 1})
    yield connection
    connection.close()


def test_a_spec_starts_only_once_the_specs_it_reads_are_made(con):
    specs = [spec("a"), spec("b", "a"), spec("c", "a", "observations"), spec("d", "b", "c")]
    finished, order = set(), []

    def work(cursor, s):
        assert set(s.depends_on) - {"observations"} <= finished, f"{s.table} started before its inputs"
        cursor.execute(f"CREATE TABLE {s.table} AS SELECT 1 AS x")      # each on a cursor of the one database
        finished.add(s.table)
        order.append(s.table)
        return s.table

    outcomes = list(schedule.run_specs(con, specs, work, workers=2))
    assert sorted(o.value for o in outcomes) == ["a", "b", "c", "d"] and order[0] == "a" and order[-1] == "d"
    assert all(o.error is None and not o.inputs_failed for o in outcomes)
    assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0] == 4


def test_independent_specs_run_at_the_same_time(con):
    both = threading.Barrier(2, timeout=30)       # passes only when two specs wait at once

    def work(cursor, s):
        both.wait()
        return s.table

    outcomes = list(schedule.run_specs(con, [spec("a"), spec("b")], work, workers=2))
    assert [o.error for o in outcomes] == [None, None]           # a BrokenBarrierError if they ran one by one
    assert sorted(o.value for o in outcomes) == ["a", "b"]


def most_at_once(con, workers: int) -> int:
    """The most of three independent specs running at once, each busy for a tenth of a second."""
    running, most = [0], [0]
    lock = threading.Lock()

    def work(cursor, s):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.1)
        with lock:
            running[0] -= 1

    assert len(list(schedule.run_specs(con, [spec("a"), spec("b"), spec("c")], work, workers=workers))) == 3
    return most[0]


def test_one_worker_runs_one_spec_at_a_time(con):
    assert most_at_once(con, 1) == 1
    assert most_at_once(con, 2) == 2          # the count sees specs that do run at once


def test_a_failed_spec_stops_the_specs_that_read_it_and_no_other(con):
    specs = [spec("a"), spec("b", "a"), spec("c", "b"), spec("d")]

    def work(cursor, s):
        if s.table == "a":
            raise ValueError("broken a")
        return s.table

    outcomes = {o.spec.table: o for o in schedule.run_specs(con, specs, work, workers=2)}
    assert str(outcomes["a"].error) == "broken a"
    assert outcomes["b"].inputs_failed == ("a",) and outcomes["c"].inputs_failed == ("b",)
    assert outcomes["d"].value == "d" and outcomes["d"].error is None


def test_specs_out_of_dependency_order_still_run_in_it(con):
    outcomes = list(schedule.run_specs(con, [spec("b", "a"), spec("a")], lambda cursor, s: s.table, workers=2))
    assert [o.value for o in outcomes] == ["a", "b"]


def test_specs_that_depend_in_a_cycle_are_an_error_not_a_wait(con):
    with pytest.raises(ValueError, match="indicator specs wait on each other in a cycle: a, b"):
        list(schedule.run_specs(con, [spec("a", "b"), spec("b", "a")], lambda cursor, s: None, workers=2))


def test_the_environment_can_choose_how_many_specs_run_at_once(monkeypatch):
    monkeypatch.setenv("ISOC_INDICATOR_WORKERS", "1")
    assert schedule.default_workers() == 1
    monkeypatch.setenv("ISOC_INDICATOR_WORKERS", "two")
    with pytest.raises(ValueError, match="ISOC_INDICATOR_WORKERS='two': give the number of indicator specs"):
        schedule.default_workers()


def _indicator_tables(demo_release, tmp_path, monkeypatch, workers: str) -> dict:
    """Every indicator table of the demo release, made again with `workers` specs at once."""
    import dagster as dg

    from pipelines.definitions import INDICATORS
    from pipelines.resources import IsocPaths

    raw_root, warehouse, release = demo_release
    (tmp_path / "duckdb").mkdir(parents=True)
    shutil.copy(warehouse / "duckdb" / f"{release}.duckdb", tmp_path / "duckdb" / f"{release}.duckdb")
    monkeypatch.setenv("ISOC_INDICATOR_WORKERS", workers)
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("release", [release])
    result = dg.materialize([INDICATORS], partition_key=release, instance=instance,
                            resources={"paths": IsocPaths(raw_root=str(raw_root), warehouse_dir=str(tmp_path))})
    assert result.success
    tables = [k.to_user_string() for k in INDICATORS.keys]
    with duckdb.connect(str(tmp_path / "duckdb" / f"{release}.duckdb"), read_only=True) as con:
        return {t: con.sql(f"SELECT * FROM {t}").to_arrow_table() for t in tables}


def test_a_release_gets_the_same_indicator_tables_from_specs_run_side_by_side(demo_release, tmp_path, monkeypatch):
    alone = _indicator_tables(demo_release, tmp_path / "alone", monkeypatch, "1")
    side_by_side = _indicator_tables(demo_release, tmp_path / "side_by_side", monkeypatch, "2")
    assert alone.keys() == side_by_side.keys() and len(alone) >= 25
    assert sum(t.num_rows for t in alone.values()) > 10_000
    for table, rows in alone.items():
        assert side_by_side[table].equals(rows), table          # every value to the bit, in the same row order
