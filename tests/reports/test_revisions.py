"""Revision report: golden cases on a tiny release pair, and two demo releases differing by three edited values."""
import json
import shutil

import dagster as dg
import duckdb
import pandas as pd
import pytest

from support import tiny_world
from pipelines.cli import main
from pipelines.core import manifest
from pipelines import snapshots
from pipelines.reports import revisions

EDITS = {  # (series code in the DataHub file, ISO3, year) -> new value
    ("i271GA", "KEN", 2024): 95.0, ("i271GA", "KEN", 2022): 91.0, ("i271G5_pop", "DEU", 2024): 88.8}
COVERAGE_FILE = "itu_datahub/population_coverage_mobile_network.csv"


def tiny_revisions(new_values, tolerance=revisions.Tolerance()):
    con = duckdb.connect()
    old, new = tiny_world.observations(), tiny_world.observations(new_values)
    return revisions.compare(con, con.from_df(old), con.from_df(new), "new", "old", tolerance)


def test_identical_releases_have_no_revisions():
    assert tiny_revisions(tiny_world.VALUES).empty


def test_each_kind_of_change_is_listed_with_old_and_new_value():
    values = [v for v in tiny_world.VALUES if v[:3] not in {("AAA", 2024, "INET_USERS_PCT"), ("CCC", 2023, "MOB_OWN_PCT"),
                                                           ("BBB", 2023, "BASKET_PRICE_PCT_GNI")}]
    values = [(*v[:5], 12.0, "E") if v[:4] == ("AAA", 2023, "INET_USERS_PCT", "_T") else v for v in values]
    values.append(("AAA", 2023, "COV_4G_PCT", "_T", "_T", 60.0, "C"))
    out = tiny_revisions(values).set_index("change")
    assert sorted(out.index) == ["dropped", "economy_missing", "revised", "series_added", "series_dropped"]
    revised = out.loc["revised"]
    assert (revised["ref_area"], revised["time_period"], revised["old_value"], revised["new_value"]) == \
        ("AAA", 2023, 10.0, 12.0)
    assert (revised["difference"], revised["old_nature"], revised["new_nature"]) == (2.0, "C", "E")
    assert (revised["old_source"], revised["new_source"]) == ("src-AAA", "src-AAA")
    dropped = out.loc["dropped"]
    assert (dropped["ref_area"], dropped["time_period"], dropped["old_value"]) == ("AAA", 2024, 20.0)
    assert pd.isna(dropped["new_value"])
    missing = out.loc["economy_missing"]
    assert (missing["ref_area"], missing["series"], missing["old_value"]) == ("BBB", "BASKET_PRICE_PCT_GNI", 3.0)
    assert (out.loc["series_added", "series"], out.loc["series_dropped", "series"]) == ("COV_4G_PCT", "MOB_OWN_PCT")
    assert pd.isna(out.loc["series_dropped", "ref_area"]) and out.loc["series_dropped", "detail"] == "1 economies"
    assert (out["release"] == "new").all() and (out["previous_release"] == "old").all()


def test_changes_within_the_tolerance_are_not_revisions():
    values = [(*v[:5], v[5] * (1 + 1e-9), v[6]) for v in tiny_world.VALUES]
    assert tiny_revisions(values).empty
    values = [(*v[:5], v[5] * 1.004, v[6]) for v in tiny_world.VALUES]
    assert tiny_revisions(values, revisions.Tolerance(relative=0.005)).empty
    assert len(tiny_revisions(values)) == len(tiny_world.VALUES)


def test_predecessor_is_the_previous_latest_else_the_recorded_one(tmp_path):
    raw_root = tmp_path / "raw"
    (tmp_path / "r1").mkdir()
    (tmp_path / "r1" / "observations.parquet").write_bytes(b"")
    assert revisions.predecessor(tmp_path, "r2", None, raw_root) is None
    (tmp_path / "latest").symlink_to("r1")
    assert revisions.predecessor(tmp_path, "r2", None, raw_root) == "r1"
    assert revisions.predecessor(tmp_path, "r1", "r0", raw_root) == "r0"     # a re-run keeps its recorded predecessor


def test_a_generated_release_is_never_the_predecessor_of_a_collected_one(tmp_path):
    """The demo published first, then a real release: comparing them would list every value as revised."""
    published, raw_root = tmp_path / "published", tmp_path / "raw"
    for release in ("demo", "real", "synth_x2"):
        (published / release).mkdir(parents=True)
        (published / release / "observations.parquet").write_bytes(b"")
        table = tmp_path / f"{release}.csv"
        table.write_text("a,b\n1,2\n", encoding="utf-8")
        snapshots.add_files(raw_root, release, [table], fmt="wdi_wide_csv", added="2026-01-01")
    for release in ("demo", "synth_x2"):
        manifest.mark_synthetic(raw_root, release)
    (published / "latest").symlink_to("demo")
    assert manifest.is_synthetic(raw_root, "demo") and not manifest.is_synthetic(raw_root, "real")
    assert revisions.predecessor(published, "real", None, raw_root) is None
    assert revisions.predecessor(published, "synth_x2", None, raw_root) == "demo"     # generated after generated
    (published / "latest").unlink()
    (published / "latest").symlink_to("real")
    assert revisions.predecessor(published, "demo", None, raw_root) is None
    table = tmp_path / "more.csv"
    table.write_text("a,b\n3,4\n", encoding="utf-8")
    snapshots.add_files(raw_root, "demo", [table], fmt="wdi_wide_csv", added="2026-01-02")
    assert manifest.is_synthetic(raw_root, "demo")                                    # kept by a later write


def edited_copy(raw_root, release, new_raw_root, new_release):
    """The release's files under a new name, with EDITS applied to the coverage file (same formats and origins)."""
    source, target = manifest.release_dir(raw_root, release), manifest.release_dir(new_raw_root, new_release)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(manifest.MANIFEST))
    path = target / COVERAGE_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for (code, iso3, year), value in EDITS.items():
        hit = (frame["seriesCode"] == code) & (frame["entityIso"] == iso3) & (frame["dataYear"] == str(year))
        assert hit.sum() == 1, (code, iso3, year)
        frame.loc[hit, "dataValue"] = f"{value:g}"
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    for e in manifest.load(raw_root, release):
        snapshots.add_files(new_raw_root, new_release, [target / e.path], fmt=e.format, origin=e.origin, added=e.added)


@pytest.fixture(scope="module")
def demo_pair(demo_release, tmp_path_factory):
    """demo published, then demo_edited (three coverage values edited) published after it in the same warehouse."""
    from pipelines.commands.run import materialize

    raw_root, warehouse, release = demo_release
    root = tmp_path_factory.mktemp("revisions")
    shutil.copytree((warehouse / "published" / release).resolve(), root / "warehouse" / "published" / release)
    (root / "warehouse" / "published" / "latest").symlink_to(release)
    edited_copy(raw_root, release, root / "raw", "demo_edited")
    result = materialize("demo_edited", root / "raw", root / "warehouse", instance=dg.DagsterInstance.ephemeral())
    assert result.success
    return root / "warehouse", result


def expected_edits(observations: pd.DataFrame) -> pd.DataFrame:
    series = {"i271GA": "COV_4G_PCT", "i271G5_pop": "COV_5G_PCT"}
    obs = observations.set_index(["series", "ref_area", "time_period"])["obs_value"]
    return pd.DataFrame([{"series": series[code], "ref_area": iso3, "time_period": year,
                          "old_value": obs[(series[code], iso3, year)], "new_value": value}
                         for (code, iso3, year), value in EDITS.items()]).sort_values(["series", "ref_area", "time_period"])


@pytest.mark.e2e
def test_revisions_parquet_lists_exactly_the_edited_values(demo_pair):
    warehouse, result = demo_pair
    published = warehouse / "published"
    got = pd.read_parquet(published / "demo_edited" / "revisions.parquet")
    assert set(got["change"]) == {"revised"} and (got["previous_release"] == "demo").all()
    expected = expected_edits(pd.read_parquet(published / "demo" / "observations.parquet"))
    columns = ["series", "ref_area", "time_period", "old_value", "new_value"]
    pd.testing.assert_frame_equal(got[columns].reset_index(drop=True), expected[columns].reset_index(drop=True),
                                  check_dtype=False)
    package = json.loads((published / "demo_edited" / "datapackage.json").read_text())
    assert "revisions" in {r["name"] for r in package["resources"]}
    metadata = result.asset_materializations_for_node("revisions_report")[0].metadata
    assert metadata["revised"].value == 3 and metadata["previous_release"].value == "demo"


@pytest.mark.e2e
def test_isoc_diff_prints_and_writes_the_same_report(demo_pair, capsys, tmp_path):
    warehouse, _ = demo_pair
    out = tmp_path / "diff.csv"
    assert main(["diff", "--from", "demo", "--to", "demo_edited", "--warehouse", str(warehouse), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "revised 3, dropped 0, economy_missing 0, series_added 0, series_dropped 0" in printed
    assert "KEN 2024 COV_4G_PCT _T/_T/_T/_T:" in printed and "-> 95" in printed
    assert len(pd.read_csv(out)) == 3
    assert main(["diff", "--from", "nope", "--to", "demo_edited", "--warehouse", str(warehouse)]) == 2


def test_comparison_leaves_no_view_behind(tmp_path):
    con = duckdb.connect(str(tmp_path / "release.duckdb"))
    rel = con.from_df(tiny_world.observations())
    revisions.compare(con, rel, rel, "new", "old")
    views = con.sql("SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'").fetchall()
    assert views == []


def test_an_unpublished_release_is_named_with_the_command_that_publishes_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"run `isoc run --release r1` first"):
        revisions.compare_published(tmp_path, "r1", "r2")
