"""The published contracts' checks in DuckDB SQL (pipelines.core.contract_checks) reject exactly the values Pandera
rejects, and every published contract has an SQL form (none falls back to Pandera in pandas)."""
import duckdb
import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from pipelines.core import contract_checks, release_tables
from pipelines.dagster_assets.publish import release_contracts

SCHEMA = pa.DataFrameSchema({
    "code": pa.Column(str, checks=[pa.Check.isin(["A", "B"]), pa.Check.str_length(min_value=1)], unique=True),
    "pattern": pa.Column(str, checks=pa.Check.str_matches(r"C([1-9]|1[01])$"), nullable=True),
    "share": pa.Column(float, checks=[pa.Check.ge(0), pa.Check.le(100)], nullable=True),
    "count": pa.Column("Int64", checks=pa.Check.ge(0)),
    "flag": pa.Column(bool),
}, coerce=True, strict=True)

FRAME = pd.DataFrame({
    "code": ["A", "B", "Z", "", "A", None],
    "pattern": ["C1", "C11", "C12", "xC1", None, "C9"],
    "share": [0.0, 100.0, 100.5, -1.0, np.nan, 50.0],
    "count": pd.array([0, 3, -2, None, 1, 2], dtype="Int64"),
    "flag": [True, False, True, False, True, False],
})


def _pandera_failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> set[tuple[str, str, str | None]]:
    with pytest.raises(pa.errors.SchemaErrors) as caught:
        schema.validate(frame, lazy=True)
    cases = caught.value.failure_cases
    name = cases["check"].str.replace(r"\(.*\)$", "", regex=True)
    return {(c, n, None if pd.isna(v) else str(v)) for c, n, v in zip(cases["column"], name, cases["failure_case"])}


def _sql_failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> set[tuple[str, str, str | None]]:
    con = duckdb.connect(":memory:")
    con.register("_frame", frame)
    found = contract_checks.failures(con, contract_checks.sql_checks(schema), "_frame")
    return {(c, n, None if pd.isna(v) else v) for c, n, v in found.itertuples(index=False, name=None)}


def test_sql_checks_reject_the_values_pandera_rejects():
    expected = {("code", "isin", "Z"), ("code", "isin", ""), ("code", "str_length", ""), ("code", "not_nullable", None),
                ("code", "field_uniqueness", "A"), ("pattern", "str_matches", "C12"), ("pattern", "str_matches", "xC1"),
                ("share", "less_than_or_equal_to", "100.5"), ("share", "greater_than_or_equal_to", "-1.0"),
                ("count", "greater_than_or_equal_to", "-2"), ("count", "not_nullable", None)}
    assert _pandera_failures(SCHEMA, FRAME) == expected
    assert _sql_failures(SCHEMA, FRAME) == expected


def test_a_clean_frame_passes_both_and_keeps_the_contract_dtypes():
    clean = FRAME.iloc[[0, 1]]
    assert _sql_failures(SCHEMA, clean) == set()
    checked = SCHEMA.validate(clean)
    assert SCHEMA.coerce_dtype(clean).dtypes.to_dict() == checked.dtypes.to_dict()



def test_a_text_column_without_values_typed_double_passes_like_pandera():
    """A small release's empty IDI table comes out of pandas with its all-null text columns typed DOUBLE in DuckDB;
    Pandera coerces them to text and accepts them, and so must the SQL (it once failed: list_contains(VARCHAR[],
    DOUBLE) does not bind)."""
    empty_text = FRAME.iloc[[0, 1]].assign(pattern=[np.nan, np.nan])
    assert empty_text["pattern"].dtype == "float64"
    assert _sql_failures(SCHEMA, empty_text) == set()
    assert len(SCHEMA.validate(empty_text)) == 2
    wrong = FRAME.iloc[[0, 1]].assign(pattern=[1.5, np.nan])                # a number where text is due
    assert _sql_failures(SCHEMA, wrong) == {("pattern", "str_matches", "1.5")}

def test_every_published_contract_has_its_checks_in_sql():
    contracts = release_contracts()
    assert len(contracts) >= 20
    assert [table for table, c in contracts.items() if contract_checks.sql_checks(c.schema) is None] == []
    # the catalogue's rules, read from schemas/published/catalog.py, each become one named SQL check
    checks = contract_checks.sql_checks(contracts["indicator_catalog"].schema)
    rules = {(c.column, c.check) for c in checks if c.check != "not_nullable"}
    assert rules == {("code", "field_uniqueness"), ("kind", "isin"), ("title", "str_length"),
                     ("sdg_link_status", "isin"), ("wsis_action_line", "str_matches"), ("action_line_status", "isin")}
    params = {(c.column, c.check): c.param for c in checks}
    assert params[("sdg_link_status", "isin")] == ["", "confirmed"]
    assert params[("wsis_action_line", "str_matches")] == r"^(C([1-9]|1[01])(; C([1-9]|1[01]))*)?$"
    quarantine = {(c.column, c.check) for c in contract_checks.sql_checks(contracts["quarantine"].schema)}
    assert quarantine == {(c, "not_nullable") for c in ("release", "file", "column", "rule", "reason", "severity")} | {
        ("severity", "isin")}   # line and value may be empty


def test_a_check_without_sql_form_is_left_to_pandera():
    custom = SCHEMA.update_column("share", checks=[pa.Check(lambda s: s < 50, name="below_fifty")])
    assert contract_checks.sql_checks(custom) is None
    contract = release_tables.Contract("t", pa.DataFrameModel, custom, "", ())
    with pytest.raises(release_tables.ContractError, match="below_fifty"):
        release_tables.validated(contract, FRAME.iloc[[0, 1]])


def test_a_published_table_that_breaks_its_contract_names_column_rule_and_value():
    contract = release_contracts()["quarantine"]
    frame = pd.DataFrame({"release": ["r"], "file": ["a.csv"], "line": [3], "column": ["obs_value"],
                          "rule": ["negative_value"], "value": ["-1"], "reason": ["a.csv line 3: negative"],
                          "severity": ["fatal"]})
    with pytest.raises(release_tables.ContractError, match=r"severity\s+isin\s+fatal"):
        release_tables.validated(contract, frame)
    assert release_tables.validated(contract, frame.assign(severity="error"))["severity"].tolist() == ["error"]


def test_a_query_without_a_contract_column_is_a_contract_error_naming_it():
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE t AS SELECT 'A' AS code, 1 AS count")
    contract = release_tables.Contract("t", pa.DataFrameModel, SCHEMA, "SELECT code, count FROM t", ())
    with pytest.raises(release_tables.ContractError, match="its query gives no column pattern, share, flag"):
        release_tables.build_table(con, contract, "r1")
