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


def run_dated(*files):
    """files: (path, format, vintage, [obs rows]) -> StagedRelease; the vintage is the one the file states."""
    results = [(Entry(path, "0" * 64, 1, fmt, "", ""),
                AdapterResult(observations_frame(rows), quarantine_frame(), rows_read=len(rows), vintage=vintage))
               for path, fmt, vintage, rows in files]
    return staging.stage(staging.collect(results))


def test_within_a_class_the_newer_vintage_wins_over_a_better_format():
    # ITU's 2016 edition (priority 60) and a 2024 OWID copy (priority 90) are one class: the 2024 vintage wins
    out = run_dated(("legacy.csv", "itu_legacy_names_csv", "2016", [obs("legacy.csv", 5, 45.6, area="KEN", year=2015)]),
                    ("owid.csv", "owid_grapher_csv", "2024", [obs("owid.csv", 7, 16.6, area="KEN", year=2015)]))
    assert out.observations[["file", "obs_value"]].values.tolist() == [["owid.csv", 16.6]]
    [loser] = out.quarantine.itertuples()
    assert (loser.file, loser.line, loser.rule) == ("legacy.csv", 5, "superseded")
    assert "owid.csv line 7 (value 16.6)" in loser.reason
    assert "newer vintage 2024 against this file's vintage 2016, within the class 'redistributed'" in loser.reason
    assert out.files.set_index("file")["vintage"].to_dict() == {"legacy.csv": "2016", "owid.csv": "2024"}


def test_a_better_class_wins_whatever_its_vintage_and_an_undated_file_is_dated_after_its_latest_data():
    out = run_dated(("hub.csv", "itu_datahub_csv", "", [obs("hub.csv", 2, 17.0)]),
                    ("wdi_new.csv", "wdi_wide_csv", "2025-06-05",
                     [obs("wdi_new.csv", 3, 16.0), obs("wdi_new.csv", 4, 1.0, year=2019)]),
                    ("wdi_old.csv", "wdi_wide_csv", "2020-05-19", [obs("wdi_old.csv", 5, 15.0, year=2019)]),
                    ("pop.csv", "population_long_csv", "", [obs("pop.csv", 6, 14.0, year=2019)]))
    assert out.observations[["time_period", "file"]].values.tolist() == [[2019, "wdi_new.csv"], [2020, "hub.csv"]]
    reasons = out.quarantine.set_index("file")["reason"]
    assert "a class of source with higher priority" in reasons["wdi_new.csv"]
    assert "newer vintage 2025-06-05 against this file's vintage 2020-05-19" in reasons["wdi_old.csv"]
    # pop.csv states no vintage and its latest data year is 2019: inferred 2020, older than 2025-06-05
    assert "newer vintage 2025-06-05 against this file's vintage 2020" in reasons["pop.csv"]
    assert out.files.set_index("file").loc[["hub.csv", "pop.csv"], "vintage"].tolist() == ["", "2020"]   # hub: own class
    assert out.files.set_index("file")["balanced"].all()


def test_an_undated_copy_reaching_later_years_beats_an_older_dated_edition():
    out = run_dated(("legacy.csv", "itu_legacy_names_csv", "2016", [obs("legacy.csv", 5, 45.6, area="KEN", year=2015)]),
                    ("owid.csv", "owid_grapher_csv", "", [obs("owid.csv", 7, 16.6, area="KEN", year=2015),
                                                          obs("owid.csv", 8, 40.8, area="KEN", year=2023)]))
    assert out.observations.set_index("time_period")["file"].to_dict() == {2015: "owid.csv", 2023: "owid.csv"}
    source = out.observations["source"].iloc[0]
    assert source.endswith("(vintage 2024, inferred: the year after its latest data)")


def test_equal_vintages_fall_back_to_format_priority_then_file_name():
    out = run_dated(("b.csv", "wdi_wide_csv", "2024-02-21", [obs("b.csv", 2, 1.0)]),
                    ("a.csv", "wdi_wide_csv", "2024-02-21", [obs("a.csv", 2, 2.0)]),
                    ("l.csv", "itu_legacy_names_csv", "2024-02-21", [obs("l.csv", 2, 3.0)]))
    assert out.observations["file"].tolist() == ["l.csv"]
    reason = out.quarantine.set_index("file").loc["a.csv", "reason"]
    assert "same class 'redistributed' and vintage 2024-02-21" in reason


def test_a_vintage_declared_in_the_manifest_ranks_the_file_and_is_named_in_its_source():
    rows = [obs("owid.csv", 2, 16.6, area="KEN", year=2015)]
    results = [(Entry("owid.csv", "0" * 64, 1, "owid_grapher_csv", "", "", vintage="2024"),
                AdapterResult(observations_frame(rows), quarantine_frame(), rows_read=1)),
               (Entry("legacy.csv", "0" * 64, 1, "itu_legacy_names_csv", "", ""),
                AdapterResult(observations_frame([obs("legacy.csv", 3, 45.6, area="KEN", year=2015)]),
                              quarantine_frame(), rows_read=1, vintage="2016"))]
    out = staging.stage(staging.collect(results))
    assert out.observations[["file", "source"]].values.tolist() == [
        ["owid.csv", "s (vintage 2024, declared in the release manifest)"]]
    assert out.files.set_index("file")["vintage"].to_dict() == {"owid.csv": "2024", "legacy.csv": "2016"}


def pop(file, line, series, value, area="KEN", year=2016):
    unit = "PERCENT" if series.endswith("_PCT") else "NUMBER"
    return obs(file, line, value, series=series, area=area, year=year, unit=unit)


def test_female_plus_male_must_match_the_total_of_the_same_vintage():
    counts = [pop("fe.csv", 2, "POP_FEMALE", 24_684_358), pop("ma.csv", 2, "POP_MALE", 24_367_328),      # adds up
              pop("fe.csv", 3, "POP_FEMALE", 30_000_000, year=2017),
              pop("ma.csv", 3, "POP_MALE", 25_000_000, year=2017)]
    totals = [pop("tot20.csv", 2, "POP_TOTAL", 49_051_686), pop("tot20.csv", 3, "POP_TOTAL", 50_221_142, year=2017)]
    shares = [pop("fz.csv", 2, "POP_FEMALE_PCT", 50.19), pop("mz.csv", 2, "POP_MALE_PCT", 49.81),
              pop("fz.csv", 3, "POP_FEMALE_PCT", 52.0, year=2017), pop("mz.csv", 3, "POP_MALE_PCT", 49.81, year=2017)]
    total25 = [pop("tot25.csv", 2, "POP_TOTAL", 48_139_687)]     # another vintage: never compared with 2020 counts
    out = run_dated(("fe.csv", "wdi_wide_csv", "2020-05-19", counts[0::2]),
                    ("ma.csv", "wdi_wide_csv", "2020-05-19", counts[1::2]),
                    ("tot20.csv", "wdi_wide_csv", "2020-05-19", totals),
                    ("fz.csv", "wdi_wide_csv", "2025-06-05", shares[0::2]),
                    ("mz.csv", "wdi_wide_csv", "2025-06-05", shares[1::2]),
                    ("tot25.csv", "wdi_wide_csv", "2025-06-05", total25))
    q = out.quarantine[out.quarantine["rule"] == "sex_total_mismatch"]
    assert sorted(zip(q["file"], q["line"])) == [("fe.csv", 3), ("fz.csv", 3), ("ma.csv", 3), ("mz.csv", 3)]
    reason = q.set_index("file").loc["fe.csv", "reason"]
    assert reason.startswith("fe.csv line 3: POP_FEMALE for KEN 2017")
    assert "30000000 (fe.csv line 3) + POP_MALE 25000000 (ma.csv line 3) = 55000000" in reason
    assert "away from the POP_TOTAL 50221142 of the same vintage (tot20.csv line 3)" in reason
    assert "= 101.81, 1.8% away from 100 (both are shares of one total)" in q.set_index("file").loc["fz.csv", "reason"]
    staged = out.observations.set_index(["series", "time_period"])["obs_value"]
    assert staged[("POP_FEMALE", 2016)] == 24_684_358 and staged[("POP_TOTAL", 2017)] == 50_221_142
    assert staged[("POP_TOTAL", 2016)] == 48_139_687                       # the 2025 vintage wins the total
    assert out.files["balanced"].all()


def test_superseded_records_are_narrow_rows_whose_sentence_the_quarantine_renders_and_restaging_replaces_them():
    ingested = staging.collect([(Entry(path, "0" * 64, 1, fmt, "", ""), AdapterResult(
        observations_frame(rows), quarantine_frame(), rows_read=len(rows))) for path, fmt, rows in [
            ("owid.csv", "owid_grapher_csv", [obs("owid.csv", 2, 84.0), obs("owid.csv", 3, -1.0)]),
            ("hub.csv", "itu_datahub_csv", [obs("hub.csv", 9, 84.0)])]])
    con = ingested.con
    con.execute("CREATE TABLE quarantine AS SELECT 1 AS stale")   # as a release database staged before holds it
    for _ in range(2):   # the second time, `quarantine` is the view the first one made
        staging.stage_tables(con, ingested.files)
    assert con.sql("SELECT file, line, file_win, line_win, obs_value_win FROM staging_superseded").fetchall() == [
        ("owid.csv", 2, "hub.csv", 9, 84.0)]
    rows = con.sql("SELECT line, rule, value, reason, severity FROM quarantine ORDER BY line").fetchall()
    assert [r[:3] for r in rows] == [(2, "superseded", "84.0"), (3, "negative_value", "-1.0")]
    assert rows[0][3:] == ("owid.csv line 2: INET_USERS_PCT for DEU 2020 is also given by hub.csv line 9 (same value), "
                           "which wins: a class of source with higher priority "
                           "(pipelines/reference/source_priority.csv).", "superseded")
