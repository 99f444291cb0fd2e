"""Staging rules: the staged model's named errors, duplicate resolution by priority, and exact accounting."""
import pandas as pd

from pipelines.core import staging
from pipelines.core.canonical import AdapterResult, observations_frame, quarantine_frame
from pipelines.core.manifest import Entry


def obs(file, line, value, series="INET_USERS_PCT", area="DEU", year=2020, unit="PERCENT", sex="_T"):
    return dict(ref_area=area, time_period=year, series=series, sex=sex, age="_T", urbanisation="_T", breakdown="_T",
                unit_measure=unit, unit_mult=0, obs_value=value, nature="C", source="s", note=None, source_code="x",
                file=file, line=line)


def run(*files):
    """files: (path, format, [obs rows]) -> StagedRelease; each adapter read exactly its rows."""
    results = [(Entry(path, "0" * 64, 1, fmt, "", ""),
                AdapterResult(observations_frame(rows), quarantine_frame(), rows_read=len(rows)))
               for path, fmt, rows in files]
    return staging.stage(staging.collect(results))


def test_impossible_values_and_unknown_codes_are_quarantined_with_named_rules():
    out = run(("a.csv", "itu_datahub_csv", [
        obs("a.csv", 2, 140.0), obs("a.csv", 3, -5.0, series="FBB_SUBS", unit="NUMBER"),
        obs("a.csv", 4, 10.0, area="XYZ"), obs("a.csv", 5, 50.0, sex="X"), obs("a.csv", 6, 50.0, year=2021),
        obs("a.csv", 7, 5.0, series="FBB_SUBS", unit="PERCENT")]))
    rules = dict(zip(out.quarantine["line"], out.quarantine["rule"]))
    assert rules == {2: "percent_out_of_range", 3: "negative_value", 4: "unknown_economy", 5: "unknown_code",
                     7: "unit_mismatch"}
    assert out.observations["line"].tolist() == [6]
    assert out.files.iloc[0][["rows_read", "rows_staged", "rows_quarantined"]].tolist() == [6, 1, 5]
    assert bool(out.files.iloc[0]["balanced"])


def test_same_observation_twice_in_one_file_with_different_values_is_a_conflict():
    out = run(("a.csv", "itu_datahub_csv", [obs("a.csv", 2, 50.0), obs("a.csv", 3, 51.0), obs("a.csv", 4, 60.0, year=2021)]))
    conflicts = out.quarantine[out.quarantine["rule"] == "conflicting_duplicate"]
    assert sorted(conflicts["line"]) == [2, 3]
    assert out.observations["obs_value"].tolist() == [60.0]


def test_across_sources_the_higher_priority_wins_and_the_other_is_superseded():
    out = run(("owid.csv", "owid_grapher_csv", [obs("owid.csv", 2, 84.0)]),
              ("hub.csv", "itu_datahub_csv", [obs("hub.csv", 9, 88.1)]))
    assert out.observations[["file", "obs_value"]].values.tolist() == [["hub.csv", 88.1]]
    [loser] = out.quarantine.itertuples()
    assert (loser.file, loser.rule, loser.severity) == ("owid.csv", "superseded", "superseded")
    assert "hub.csv line 9" in loser.reason and "value 88.1" in loser.reason
    assert out.files.set_index("file")["balanced"].all()


def test_unbalanced_adapter_counts_are_reported_not_hidden():
    results = [(Entry("a.csv", "0" * 64, 1, "itu_datahub_csv", "", ""),
                AdapterResult(observations_frame([obs("a.csv", 2, 50.0)]), quarantine_frame(), rows_read=3))]
    files = staging.stage(staging.collect(results)).files
    assert files.iloc[0][["rows_read", "rows_staged", "rows_quarantined", "balanced"]].tolist() == [3, 1, 0, False]


def test_staged_rows_are_sorted_by_key():
    out = run(("a.csv", "itu_datahub_csv", [obs("a.csv", 2, 1.0, area="KEN"), obs("a.csv", 3, 2.0, area="DEU")]))
    assert out.observations["ref_area"].tolist() == ["DEU", "KEN"]
    assert isinstance(out.observations, pd.DataFrame)


def test_quarantine_count_keeps_equal_line_numbers_on_two_sheets_apart():
    from pipelines.core.canonical import quarantine_row

    q = quarantine_frame([quarantine_row("book.xlsx#Fixed", 5, "2020", "negative_value", "-1", "negative"),
                          quarantine_row("book.xlsx#Mobile", 5, "2020", "negative_value", "-2", "negative"),
                          quarantine_row("book.xlsx#Mobile", 5, "2020", "unit_mismatch", "-2", "second rule")])
    assert AdapterResult(observations_frame(), q, rows_read=3).rows_quarantined == 2


def test_values_by_sex_need_a_total_and_one_unit():
    out = run(("a.csv", "un_sdg_api_csv", [
        obs("a.csv", 2, 80.0), obs("a.csv", 3, 78.0, sex="F"), obs("a.csv", 4, 82.0, sex="M"),      # complete: staged
        obs("a.csv", 5, 40.0, year=2019, sex="F"), obs("a.csv", 6, 44.0, year=2019, sex="M"),      # no total
        obs("a.csv", 7, 60.0, year=2018), obs("a.csv", 8, 58.0, year=2018, sex="F"),
        obs("a.csv", 9, 3.0, year=2018, sex="M", unit="NUMBER")]))                                  # units differ
    rules = sorted(zip(out.quarantine["line"], out.quarantine["rule"]))
    assert rules == [(5, "sex_without_total"), (6, "sex_without_total"), (8, "sex_unit_mismatch"),
                     (9, "sex_unit_mismatch")]
    assert "has no total (sex _T)" in out.quarantine.set_index("line").loc[5, "reason"]
    assert sorted(out.observations["line"]) == [2, 3, 4, 7]
    assert out.files.iloc[0][["rows_read", "rows_staged", "rows_quarantined"]].tolist() == [8, 4, 4]
    assert bool(out.files.iloc[0]["balanced"])
