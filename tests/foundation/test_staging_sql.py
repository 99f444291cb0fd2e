"""Staging inside DuckDB: the SQL that picks the rows to judge never misses a row the staged Pandera model rejects,
adapter results arrive as pandas frames or Arrow tables alike, and staging needs no adapter (layering)."""
import ast
from pathlib import Path

import pyarrow as pa

from pipelines.core import staging
from pipelines.core.canonical import AdapterResult, observations_frame, quarantine_frame, quarantine_row
from pipelines.core.manifest import Entry
from schemas import reference as ref
from schemas.staged import OBSERVATION_RULE_COLUMNS, Observation
from schemas.validation import split_valid

REPO = Path(__file__).resolve().parents[2]


def obs(n, value=50.0, series="INET_USERS_PCT", unit="PERCENT", **changes):
    """Row n (line n, year 2000 + n) of a.csv, with `changes`."""
    row = dict(ref_area="DEU", time_period=2000 + n, series=series, sex="_T", age="_T", urbanisation="_T",
               breakdown="_T", unit_measure=unit, unit_mult=0, obs_value=value, nature="C", source="s", note=None,
               source_code="x", file="a.csv", line=n)
    return row | changes


# One row per rule of the Observation model (the column check or the unit / range check it breaks), and good rows.
BROKEN = {
    2: obs(2, time_period=1959), 3: obs(3, time_period=2101), 4: obs(4, time_period=None),
    5: obs(5, ref_area="XYZ"), 6: obs(6, series="NO_SUCH_SERIES"), 7: obs(7, sex="X"), 8: obs(8, urbanisation="Z"),
    9: obs(9, nature="Q"), 10: obs(10, age="15+"), 11: obs(11, breakdown="by income"), 12: obs(12, unit="NUMBER"),
    13: obs(13, -1.0, series="FTEL_SUBS", unit="NUMBER"), 14: obs(14, 100.5),
    15: obs(15, 26.0, series="MEAN_YEARS_SCHOOLING", unit="YEARS"),
    18: obs(18, line=-1), 19: obs(19, nature=None), 20: obs(20, unit_mult=None), 21: obs(21, ref_area=None),
}
GOOD = [obs(30, 100.0), obs(31, 0.0, series="FTEL_SUBS", unit="NUMBER"), obs(32, 25.0, series="MEAN_YEARS_SCHOOLING",
                                                                               unit="YEARS", age="Y15T24"),
        obs(33, 1.0, series="EGOV_EGDI_RANK", unit="NUMBER", breakdown="RANK_1", source=None)]


def staged(rows, as_arrow=False, held_back=()):
    """Stage one file whose adapter returned `rows` and held back `held_back` (quarantine records)."""
    frames = observations_frame(rows), quarantine_frame(list(held_back))
    if as_arrow:
        frames = [pa.Table.from_pandas(f, preserve_index=False) for f in frames]
    result = AdapterResult(*frames, rows_read=len(rows) + len(held_back))
    return staging.stage(staging.collect([(Entry("a.csv", "0" * 64, 1, "itu_datahub_csv", "", ""), result)]))


def test_the_sql_picks_every_row_the_staged_model_rejects_and_the_model_names_the_rule():
    rows = list(BROKEN.values()) + GOOD
    _, by_pandera = split_valid(observations_frame(rows), Observation, rule_columns=OBSERVATION_RULE_COLUMNS)
    out = staged(rows)
    assert sorted(by_pandera["line"]) == sorted(r["line"] for r in BROKEN.values())   # each breaks the model
    quarantined = out.quarantine.sort_values("line").reset_index(drop=True)
    assert quarantined.equals(by_pandera.sort_values("line").reset_index(drop=True))   # same records, same words
    assert dict(zip(quarantined["line"], quarantined["rule"]))[13] == "negative_value"
    assert dict(zip(quarantined["line"], quarantined["rule"]))[15] == "above_maximum"
    assert sorted(out.observations["line"]) == [30, 31, 32, 33]
    assert out.files.iloc[0][["rows_read", "rows_staged", "rows_quarantined"]].tolist() == [22, 4, 18]


def test_the_suspects_sql_lists_exactly_the_rows_the_staged_model_rejects():
    """Not merely a superset: a clean row never leaves DuckDB, so a release of clean files never imports Pandera."""
    rows = observations_frame(list(BROKEN.values()) + GOOD)
    _, by_pandera = split_valid(rows, Observation, rule_columns=OBSERVATION_RULE_COLUMNS)
    con = staging.memory_database()
    con.register("_rows", rows)
    con.execute("CREATE TABLE staging_candidates AS SELECT * FROM _rows")
    con.execute("CREATE OR REPLACE TABLE staging_candidates AS SELECT rowid AS seq, * FROM staging_candidates")
    con.register("_catalogue", ref.series_catalogue()[["series", "unit_measure", "min_value", "max_value"]])
    con.execute("CREATE TABLE staging_catalogue AS SELECT * FROM _catalogue")
    sql = (staging.SQL / "observation_suspects.sql").read_text(encoding="utf-8")
    listed = [seq for (seq,) in con.execute(sql, staging._observation_parameters()).fetchall()]
    assert listed == sorted(by_pandera.index) == list(range(len(BROKEN)))   # row positions: BROKEN come first


def test_only_population_by_sex_that_may_not_add_up_leaves_duckdb_and_the_rule_still_judges_it():
    def pop(n, series, value, year):
        return obs(n, value, series=series, unit="NUMBER", time_period=year)
    rows = [pop(1, "POP_FEMALE", 50.0, 2001), pop(2, "POP_MALE", 50.0, 2001), pop(3, "POP_TOTAL", 100.0, 2001),
            pop(4, "POP_FEMALE", 51.0, 2002), pop(5, "POP_MALE", 51.0, 2002), pop(6, "POP_TOTAL", 100.0, 2002),
            pop(7, "POP_FEMALE", 50.0, 2003), pop(8, "POP_MALE", 50.995, 2003), pop(9, "POP_TOTAL", 100.0, 2003)]
    con = staging.memory_database()
    con.register("_rows", observations_frame(rows))
    con.execute("CREATE TABLE staging_candidates AS SELECT line AS seq, * FROM _rows")
    sql = (staging.SQL / "population_by_sex.sql").read_text(encoding="utf-8")
    listed = sorted(seq for (seq,) in con.execute(sql, staging._population_inputs(con, {"a.csv": ""})).fetchall())
    assert listed == [4, 5, 6, 7, 8, 9]   # 2001 adds up; 2002 is 2 % off; 2003 0.995 %, within 1 % of the bound
    out = staged(rows)
    held = out.quarantine[out.quarantine["rule"] == "sex_total_mismatch"]
    assert sorted(held["line"]) == [4, 5]   # the 1 % tolerance (staging_rules.yaml) keeps 2003
    assert sorted(out.observations["line"]) == [1, 2, 3, 6, 7, 8, 9]


def test_arrow_tables_stage_exactly_like_pandas_frames():
    rows = [BROKEN[5], BROKEN[14], *GOOD, obs(40, 60.0, time_period=2040), obs(41, 61.0, time_period=2040)]
    held = [quarantine_row("a.csv", 50, "dataValue", "not_a_number", "n/a?", "a.csv line 50: not a number")]
    from_pandas, from_arrow = staged(rows, held_back=held), staged(rows, as_arrow=True, held_back=held)
    assert from_arrow.observations.equals(from_pandas.observations)
    assert from_arrow.quarantine.equals(from_pandas.quarantine)
    assert from_arrow.files.equals(from_pandas.files)
    assert sorted(from_arrow.quarantine["rule"]) == ["conflicting_duplicate", "conflicting_duplicate",
                                                     "not_a_number", "percent_out_of_range", "unknown_economy"]
    assert from_arrow.files.iloc[0][["rows_read", "rows_staged", "rows_quarantined", "balanced"]].tolist() == [
        9, 4, 5, True]


def test_frames_whose_types_do_not_unify_are_still_inserted_each_cast_by_duckdb():
    """Two files' quarantine frames waiting for one INSERT: one gives `line` as text, which Arrow cannot unify with
    the other's integers; each is then inserted alone and DuckDB casts it, as it would have without batching."""
    held = [quarantine_row("a.csv", 7, "dataValue", "not_a_number", "x", "a.csv line 7: not a number")]
    as_text = pa.Table.from_pandas(quarantine_frame(held).astype({"line": "str"}), preserve_index=False)
    results = [(Entry(name, "0" * 64, 1, "itu_datahub_csv", "", ""),
                AdapterResult(observations_frame([]), frame, rows_read=1))
               for name, frame in (("a.csv", quarantine_frame(held)), ("b.csv", as_text))]
    con = staging.collect(results).con
    assert con.execute("SELECT file, line FROM ingest_quarantine ORDER BY rowid").fetchall() == [("a.csv", 7),
                                                                                                   ("a.csv", 7)]


def test_core_imports_no_layer_above_it():
    """pipelines/core is below the adapters (pipelines/ingest) and the orchestration: it never imports them."""
    for path in sorted((REPO / "pipelines" / "core").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module] + \
                   [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        above = [m for m in imported if m.startswith(("pipelines.ingest", "pipelines.dagster_assets",
                                                      "pipelines.commands", "pipelines.ingestion"))]
        assert above == [], f"{path.name} imports {above}"
