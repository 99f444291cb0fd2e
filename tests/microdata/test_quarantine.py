"""Bad respondent records are held back with file, row, column, rule and reason; good rows still flow."""
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.core.survey_estimates_file import ESTIMATE_KEY
from pipelines.microdata import estimator, statements, synthetic
from pipelines.microdata.engines import Proven, open_engine
from schemas.microdata import Respondent
from schemas.microdata_columns import ANSWERS
from schemas.validation import split_valid

ROWS = 400


def clean_round() -> pd.DataFrame:
    return synthetic.survey_round("GHA", 2021, ROWS, seed=5).to_pandas()


def with_defects(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """Defects at fixed rows, and the rule each row (1-based) must be quarantined under."""
    df = df.copy()
    df["sex"] = df["sex"].astype(str)
    df["urbanisation"] = df["urbanisation"].astype(str)
    expected = {}

    def defect(row: int, column: str, value, rule: str) -> None:
        df.loc[row - 1, column] = value
        expected[row] = rule

    defect(3, "person_weight", 0.0, "non_positive_weight")
    defect(8, "household_weight", -2.5, "non_positive_weight")     # its household-mates now disagree with it:
    expected.update({int(i) + 1: "inconsistent_household"
                     for i in df.index[(df["household_id"] == df.loc[7, "household_id"]) & (df.index != 7)]})
    defect(15, "sex", "X", "unknown_code")
    defect(21, "age", 130, "age_out_of_range")
    defect(30, "internet_3m", 2, "unknown_answer")
    defect(41, "psu", None, "missing_value")                       # its household-mates now disagree with it:
    expected.update({int(i) + 1: "inconsistent_household"
                     for i in df.index[(df["household_id"] == df.loc[40, "household_id"]) & (df.index != 40)]})
    defect(50, "person_id", df.loc[59, "person_id"], "duplicate_person")     # row 60 keeps the same id
    expected[60] = "duplicate_person"
    household = df.loc[99, "household_id"]                                     # row 100's household
    members = df.index[df["household_id"] == household]
    assert len(members) >= 2, "the fixture needs a household of two or more at row 100"
    df.loc[members[0], "hh_computer"] = 1 - df.loc[members[0], "hh_computer"]
    expected.update({int(i) + 1: "inconsistent_household" for i in members})
    return df, expected


@pytest.fixture(scope="module")
def defective(tmp_path_factory):
    df, expected = with_defects(clean_round())
    path = tmp_path_factory.mktemp("bad") / "GHA_2021.parquet"
    df.to_parquet(path)
    return df, expected, estimator.run([path], labels={str(path): "microdata/GHA_2021.parquet"})


def test_each_bad_record_is_quarantined_under_its_rule(defective):
    _, expected, result = defective
    q = result.quarantine
    assert dict(zip(q["line"].astype(int), q["rule"])) == expected
    assert set(q["severity"]) == {"error"} and set(q["file"]) == {"microdata/GHA_2021.parquet"}
    weight = q[q["line"] == 8].iloc[0]
    assert weight["column"] == "household_weight" and weight["value"] == "-2.5"
    assert weight["reason"] == ("microdata/GHA_2021.parquet row 8, column 'household_weight': a survey weight must be "
                                "greater than zero (value '-2.5').")


def test_good_rows_still_flow(defective):
    _, expected, result = defective
    assert result.respondents_read == ROWS
    total = result.estimates.query("variable == 'internet_3m' and sex == '_T' and age == '_T' and urbanisation == '_T'")
    assert total["respondents"].tolist() == [ROWS - len(expected)]


def test_pandera_model_rejects_the_same_rows(defective):
    df, expected, _ = defective
    _, rejected = split_valid(df.assign(line=range(1, len(df) + 1)), Respondent, file_label="GHA_2021.parquet",
                              rule_columns={"missing_value": "*", "unknown_answer": "*",
                                            "duplicate_person": "person_id", "inconsistent_household": "household_id"})
    assert sorted(rejected["line"].astype(int)) == sorted(expected)
    single = {line: rule for line, rule in zip(rejected["line"].astype(int), rejected["rule"])}
    assert {line: single[line] for line in (3, 15, 21, 30, 41, 50, 60)} == {
        line: expected[line] for line in (3, 15, 21, 30, 41, 50, 60)}
    both = rejected.loc[rejected["line"] == 8, "reason"].iloc[0]      # row 8 breaks two rules: both are explained
    assert "a survey weight must be greater than zero" in both and "members of one household disagree" in both


def test_a_file_of_an_unknown_economy_is_held_back_whole(tmp_path):
    df = clean_round().assign(ref_area="XXX")
    df.to_parquet(tmp_path / "x.parquet")
    result = estimator.run([tmp_path / "x.parquet"])
    assert len(result.quarantine) == ROWS and set(result.quarantine["rule"]) == {"unknown_economy"}
    assert result.estimates.empty


def test_a_blank_survey_holds_back_its_file_but_not_the_rows_a_rule_before_it_holds(tmp_path):
    """The survey and economy are checked once per file (quarantine.sql: odd_round); each row still gets the first
    rule it breaks."""
    df = clean_round().assign(survey="  ")
    df.loc[4, "ref_area"] = None
    df.to_parquet(tmp_path / "blank.parquet")
    records = estimator.run([tmp_path / "blank.parquet"]).quarantine
    assert len(records) == ROWS
    assert records.loc[records["line"] == 5, ["rule", "column"]].values.tolist() == [["missing_value", "ref_area"]]
    others = records[records["line"] != 5]
    assert set(zip(others["rule"], others["column"])) == {("missing_value", "survey")}


def test_a_file_mixing_rounds_or_missing_a_column_is_a_file_error(tmp_path):
    df = clean_round()
    df.loc[5, "time_period"] = 2020
    df.to_parquet(tmp_path / "mixed.parquet")
    with pytest.raises(estimator.MicrodataFileError, match=r"mixed.parquet: holds more than one survey round \(years"):
        estimator.run([tmp_path / "mixed.parquet"])
    clean_round().drop(columns=["psu"]).to_parquet(tmp_path / "no_psu.parquet")
    with pytest.raises(estimator.MicrodataFileError, match=r"no_psu.parquet: missing column\(s\) psu"):
        estimator.run([tmp_path / "no_psu.parquet"])


def test_a_column_stored_as_another_type_is_a_file_error_naming_it(tmp_path):
    """Stored otherwise than the schema allows, a column would stop the engine with a type error of its own."""
    df = clean_round()
    df["sex"] = (df["sex"].astype(str) == "F").astype("int64")                 # sex coded 1/0
    df["internet_3m"] = df["internet_3m"] == 1                                   # an answer as true/false
    df["age"] = df["age"].astype(str)
    df.to_parquet(tmp_path / "typed.parquet")
    with pytest.raises(estimator.MicrodataFileError) as raised:
        estimator.run([tmp_path / "typed.parquet"])
    assert str(raised.value) == (
        f"{tmp_path / 'typed.parquet'}: sex is stored as BIGINT, not as text; age is stored as VARCHAR, not as a "
        "number; internet_3m is stored as BOOLEAN, not as a number (the microdata schema, docs/microdata.md).")


def test_numbers_stored_as_floats_decimals_or_nothing_and_ids_as_text_are_estimated_alike(tmp_path):
    """Stata and SPSS keep every number as a double: such a file gives the estimates of the integer-typed one."""
    df = clean_round()
    df.to_parquet(tmp_path / "plain.parquet")
    table = pq.read_table(tmp_path / "plain.parquet")
    for column, type_ in (("age", pa.float64()), ("time_period", pa.float64()), ("person_weight", pa.float32()),
                          ("household_weight", pa.decimal128(18, 9)), ("hh_internet", pa.float64()),
                          ("person_id", pa.string()), ("stratum", pa.string())):
        table = table.set_column(table.schema.get_field_index(column), column, table[column].cast(type_))
    table = table.set_column(table.schema.get_field_index("skill_vrfy"), "skill_vrfy", pa.nulls(len(df)))  # not asked
    pq.write_table(table, tmp_path / "doubles.parquet")
    plain = estimator.run([tmp_path / "plain.parquet"]).estimates
    doubles = estimator.run([tmp_path / "doubles.parquet"]).estimates
    assert len(doubles) > 100
    pd.testing.assert_frame_equal(doubles.query("variable != 'skill_vrfy'").reset_index(drop=True),
                                  plain.query("variable != 'skill_vrfy'").reset_index(drop=True),
                                  check_exact=False, rtol=1e-6)      # the float32 weights: 7 significant digits
    assert "skill_vrfy" in set(plain["variable"]) and "skill_vrfy" not in set(doubles["variable"])


def test_rounds_storing_ids_as_integers_and_as_text_are_estimated_together_as_alone(tmp_path):
    """One batch reads a column of both kinds as text: the ids' range proof is then left out, not run on text."""
    numbers = synthetic.survey_round("GHA", 2021, ROWS, seed=5).to_pandas()
    texts = synthetic.survey_round("KEN", 2021, ROWS, seed=6).to_pandas()
    texts[["person_id", "household_id"]] = texts[["person_id", "household_id"]].astype(str)
    texts.loc[7, "person_id"] = texts.loc[6, "person_id"]                   # a repeated id is still found
    numbers.to_parquet(tmp_path / "numbers.parquet")
    texts.to_parquet(tmp_path / "texts.parquet")
    together = estimator.run([tmp_path / "numbers.parquet", tmp_path / "texts.parquet"])
    alone = [estimator.run([tmp_path / f"{name}.parquet"]) for name in ("numbers", "texts")]
    each = pd.concat([a.estimates for a in alone]).sort_values(ESTIMATE_KEY).reset_index(drop=True)
    pd.testing.assert_frame_equal(together.estimates, each, check_exact=False, rtol=1e-9)
    assert together.quarantine[["line", "rule"]].values.tolist() == [[7, "duplicate_person"], [8, "duplicate_person"]]


def test_an_age_or_year_stored_as_a_number_that_is_not_whole_is_refused(tmp_path):
    df = clean_round().astype({"age": "float64", "time_period": "float64"})
    df.loc[9, "age"] = 34.5                                                  # line 10
    df.to_parquet(tmp_path / "ages.parquet")
    records = estimator.run([tmp_path / "ages.parquet"]).quarantine
    assert records[["line", "column", "rule", "value"]].values.tolist() == [[10, "age", "age_out_of_range", "34.5"]]
    assert "the age must be a whole number of years between 0 and 120" in records["reason"].iloc[0]
    df.assign(age=df["age"].round(), time_period=2021.5).to_parquet(tmp_path / "year.parquet")
    with pytest.raises(estimator.MicrodataFileError, match=r"year.parquet: time_period 2021.5 is not a whole year"):
        estimator.run([tmp_path / "year.parquet"])


def _with_values(table: pa.Table, column: str, values: dict[int, object], type_=None) -> pa.Table:
    """The table with these rows (0-based) of one column replaced, the column's Parquet type kept unless given."""
    cells = table[column].to_pylist()
    for row, value in values.items():
        cells[row] = value
    index = table.schema.get_field_index(column)
    return table.set_column(index, column, pa.array(cells, type=type_ or table.schema.field(column).type))


@pytest.fixture(scope="module")
def stored_rounds(tmp_path_factory):
    """Three rounds written with their integer types: clean; an answer 2 and a repeated person id; an answer column
    stored as floats holding 0.5 (its statistics, 0 to 1, prove nothing for floats) and a member disagreeing with
    its household on the computer."""
    folder = tmp_path_factory.mktemp("footers")
    clean = synthetic.survey_round("GHA", 2021, ROWS, seed=5)
    ids = clean["person_id"].to_pylist()
    bad = _with_values(_with_values(synthetic.survey_round("KEN", 2021, ROWS, seed=6), "internet_3m", {9: 2}),
                       "person_id", {19: ids[29]})
    floats = _with_values(synthetic.survey_round("UGA", 2021, ROWS, seed=7), "owns_mobile", {4: 0.5}, pa.float64())
    floats = _with_values(floats, "hh_computer", {1: 1 - floats["hh_computer"][1].as_py()})
    paths = []
    for name, table in (("GHA_2021", clean), ("KEN_2021", bad), ("UGA_2021", floats)):
        paths.append(folder / f"{name}.parquet")
        pq.write_table(table, paths[-1])
    return paths


def test_footer_statistics_leave_out_only_checks_that_cannot_fail(stored_rounds):
    engine = open_engine({"engine": "duckdb"})
    engine.use_files([str(stored_rounds[0])])
    engine.keep("household_values", "household_values.sql")
    assert engine.proven(ANSWERS) == Proven(ANSWERS, [0], True)     # integers within 0..1, no repeated id
    engine.use_files([str(p) for p in stored_rounds])
    engine.keep("household_values", "household_values.sql")
    proven = engine.proven(ANSWERS)
    assert proven.unique_person_files == [0, 2]                     # KEN repeats an id: grouped by person
    assert set(ANSWERS) - set(proven.answers_in_range) == {"internet_3m", "owns_mobile"}   # a 2; UGA's floats
    assert not proven.consistent_households                         # UGA's row 2 disagrees with its household
    engine.close()


def test_rows_the_footers_do_not_clear_are_still_checked_row_by_row(stored_rounds):
    result = estimator.run(stored_rounds, config=dict(estimator.load_config()) | {"rounds_per_query": 0})
    q = result.quarantine
    found = sorted(zip(q["file"].map(lambda f: Path(f).stem), q["line"].astype(int), q["rule"], q["column"],
                       q["value"]))
    repeated = str(column_of(stored_rounds[0], "person_id")[29])
    households = column_of(stored_rounds[2], "household_id")
    disagreeing = [("UGA_2021", line, "inconsistent_household", "household_id", str(households[1]))
                   for line, household in enumerate(households, start=1) if household == households[1] and line != 5]
    assert len(disagreeing) >= 2
    assert found == sorted([("KEN_2021", 10, "unknown_answer", "internet_3m", "2"),
                            ("KEN_2021", 20, "duplicate_person", "person_id", repeated),
                            ("KEN_2021", 30, "duplicate_person", "person_id", repeated),
                            ("UGA_2021", 5, "unknown_answer", "owns_mobile", "0.5"), *disagreeing])
    total = result.estimates.query("variable == 'internet_3m' and sex == '_T' and age == '_T' and urbanisation == '_T'")
    assert total["respondents"].sum() == 3 * ROWS - len(found)


def column_of(path, column: str) -> list:
    return pq.read_table(path, columns=[column])[column].to_pylist()


@pytest.mark.parametrize("column, value, rule", [("sex", "X", "unknown_code"), ("age", 130, "age_out_of_range"),
                                                 ("person_weight", -1.0, "non_positive_weight"),
                                                 ("internet_3m", 2, "unknown_answer")])
def test_a_round_the_footers_clear_is_counted_first_and_one_bad_row_is_still_held_back(tmp_path, monkeypatch, column,
                                                                                      value, rule):
    """Ids proven unique and households consistent: the batch is first checked by counting the rows that break a row
    rule (flagged_rows.sql). A clean round stops there, without the pass that picks rows out (quarantine.sql); one
    bad row is enough for that pass, which holds back that row alone under its rule."""
    rendered = []
    render = statements.render
    monkeypatch.setattr(statements, "render", lambda name, *a, **k: rendered.append(name) or render(name, *a, **k))
    clean = synthetic.write_round(tmp_path / "clean" / "GHA_2021.parquet", synthetic.survey_round("GHA", 2021, ROWS,
                                                                                                 seed=5))
    assert estimator.run([clean]).quarantine.empty
    assert "flagged_rows.sql" in rendered and "quarantine.sql" not in rendered
    rendered.clear()
    bad = synthetic.write_round(tmp_path / "bad" / "GHA_2021.parquet",
                                _with_values(synthetic.survey_round("GHA", 2021, ROWS, seed=5), column, {11: value}))
    q = estimator.run([bad]).quarantine
    assert "quarantine.sql" in rendered
    assert q[["line", "rule", "column", "value"]].values.tolist() == [[12, rule, column, str(value)]]


def test_rounds_from_the_footers_are_those_read_from_the_rows(stored_rounds, tmp_path):
    """The round of each file comes from the Parquet footers when they are exact, and equals what reading every row
    gives, empty economies in a whole row group included; a file whose footers cannot tell is read row by row."""
    gaps = _with_values(synthetic.survey_round("PER", 2021, ROWS, seed=8), "ref_area", {r: None for r in range(100)})
    pq.write_table(gaps, tmp_path / "PER_2021.parquet", row_group_size=100)    # the first row group: no economy
    mixed = _with_values(synthetic.survey_round("VNM", 2021, ROWS, seed=9), "ref_area", {7: "LAO"})
    pq.write_table(mixed, tmp_path / "VNM_2021.parquet", row_group_size=150)
    years = synthetic.survey_round("FJI", 2021, ROWS, seed=10)
    years = years.set_column(years.schema.get_field_index("time_period"), "time_period",
                             years["time_period"].cast(pa.float64()))
    pq.write_table(years, tmp_path / "FJI_2021.parquet")                    # a year stored as a float
    pq.write_table(synthetic.survey_round("TON", 2021, ROWS, seed=11), tmp_path / "TON_2021.parquet",
                   write_statistics=False)
    engine = open_engine({"engine": "duckdb"})
    read = []
    records = engine.records
    engine.records = lambda name, *args, **kwargs: read.append(name) or records(name, *args, **kwargs)
    by_footers = [str(p) for p in stored_rounds] + [str(tmp_path / f"{n}_2021.parquet") for n in ("PER", "VNM")]
    for files, source in ((by_footers, "footer_rounds.sql"),
                          (by_footers + [str(tmp_path / "FJI_2021.parquet")], "rounds.sql"),
                          ([str(tmp_path / "TON_2021.parquet")], "rounds.sql")):
        engine.use_files(files)
        read.clear()
        got = sorted(engine.rounds(), key=lambda r: r["file_index"])
        assert read[-1] == source
        assert got == sorted(records("rounds.sql"), key=lambda r: r["file_index"])
    engine.use_files(by_footers)
    rounds = {Path(r["file"]).stem: r for r in engine.rounds()}
    assert rounds["PER_2021"]["ref_area"] == "PER" and rounds["PER_2021"]["respondents"] == ROWS
    assert (rounds["VNM_2021"]["ref_area"], rounds["VNM_2021"]["last_ref_area"]) == ("LAO", "VNM")
    engine.close()
    with pytest.raises(estimator.MicrodataFileError, match="holds more than one survey round .economies LAO and VNM"):
        estimator.run([tmp_path / "VNM_2021.parquet"])


def test_a_file_that_is_not_parquet_is_one_sentence_naming_it(tmp_path):
    (tmp_path / "GHA_2021.parquet").write_text("not parquet\n", encoding="utf-8")
    with pytest.raises(estimator.MicrodataFileError) as caught:
        estimator.run([tmp_path / "GHA_2021.parquet"], labels={str(tmp_path / "GHA_2021.parquet"): "microdata/GHA"})
    message = str(caught.value)
    assert message.startswith("microdata/GHA: not a readable Parquet file (") and message.endswith(").")
    assert "\n" not in message and "SELECT" not in message            # not DuckDB's echo of the query


@pytest.mark.parametrize("clean_first", [True, False])
def test_batches_one_after_another_with_and_without_an_inconsistent_household(tmp_path, clean_first):
    """`households` is a view of household_values in a batch whose households are shown consistent, and a table of
    its own in one with a household whose members disagree: one engine running both batches, in either order,
    replaces the one with the other."""
    clean = synthetic.write_round(tmp_path / "GHA.parquet", synthetic.survey_round("GHA", 2022, 300, seed=41))
    frame = synthetic.survey_round("KEN", 2022, 300, seed=42).to_pandas()
    sizes = frame["household_id"].value_counts()
    first = frame["household_id"] == sizes[sizes > 1].index[0]
    frame.loc[frame.index[first][-1], "household_weight"] += 1.0          # one member disagrees
    frame.to_parquet(tmp_path / "KEN.parquet")
    files = [clean, tmp_path / "KEN.parquet"] if clean_first else [tmp_path / "KEN.parquet", clean]
    config = dict(estimator.load_config()) | {"rounds_per_query": 1, "concurrent_batches": 1}
    result = estimator.run(files, config=config)
    held = result.quarantine
    assert set(held["rule"]) == {"inconsistent_household"} and len(held) == int(first.sum())
    assert set(result.estimates["ref_area"]) == {"GHA", "KEN"}


def test_an_economy_whose_file_has_no_row_is_written_with_nothing_in_it(tmp_path):
    """A file with the schema and no row has no survey round: its economy's folder gets empty files and zero counts
    beside the economies that have estimates."""
    table = synthetic.survey_round("GHA", 2022, 200, seed=43)
    ghana = synthetic.write_round(tmp_path / "GHA.parquet", table)
    empty = synthetic.write_round(tmp_path / "KEN.parquet", table.slice(0, 0))
    result = estimator.run([ghana, empty], labels={str(ghana): "GHA", str(empty): "KEN"})
    written = result.write({tmp_path / "out" / "GHA": ["GHA"], tmp_path / "out" / "KEN": ["KEN"]})
    assert written[tmp_path / "out" / "KEN"] == {"estimates_written": 0, "withheld": 0, "quarantined": 0,
                                                  "respondents_read": 0}
    assert written[tmp_path / "out" / "GHA"]["respondents_read"] == 200
    assert written[tmp_path / "out" / "GHA"]["estimates_written"] == len(result.estimates) > 0
    assert pd.read_parquet(tmp_path / "out" / "KEN" / "estimates.parquet").empty
