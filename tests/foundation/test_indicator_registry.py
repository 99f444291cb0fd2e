"""The indicator specs are the only registry: lists derived from them, and published tables read by the default
query the contract implies (its columns, its sort order, `release` added once)."""
import duckdb
import pandera.pandas as pa
import pytest
from pandera.typing import Series

from indicators.loader import derived_lists, load_specs, publications
from pipelines.core import release_tables
from pipelines.core.release_tables import Contract, build_table, default_query


def _spec(folder, table, extra="", depends="[observations]"):
    (folder / f"{table}.sql").write_text("SELECT 1 AS x", encoding="utf-8")
    (folder / f"{table}.yaml").write_text(f"kind: indicator\ntable: {table}\ntitle: {table}\nsql: {table}.sql\n"
                                          f"depends_on: {depends}\n{extra}", encoding="utf-8")


def test_sdg_lists_and_dependencies_come_from_the_specs(tmp_path):
    family = tmp_path / "sdg"
    family.mkdir()
    _spec(family, "sdg_1_1_1", 'metadata: {code: "1.1.1"}\nsdg: {series: [A]}\n')
    _spec(family, "sdg_2_2_2", 'metadata: {code: "2.2.2"}\nsdg: {series: [B], aggregate: {B_PCT: {kind: rate}}}\n')
    _spec(family, "union", depends="[$sdg_tables, economies]")
    _spec(family, "inputs", depends="[$aggregated_sdg_tables]")
    specs = load_specs(tmp_path)
    by_table = {s.table: s for s in specs}
    assert by_table["union"].depends_on == ("sdg_1_1_1", "sdg_2_2_2", "economies")
    assert by_table["inputs"].depends_on == ("sdg_2_2_2",)
    order = [s.table for s in specs]
    assert order.index("union") > max(order.index("sdg_1_1_1"), order.index("sdg_2_2_2"))
    lists = by_table["union"].registry
    assert (lists["sdg_codes"], lists["aggregated_sdg_codes"]) == (["1.1.1", "2.2.2"], ["2.2.2"])
    assert lists["aggregated_sdg_series"] == {"B_PCT": {"kind": "rate"}}


def test_a_spec_naming_an_unknown_list_or_publishing_a_table_twice_is_an_error_naming_the_spec(tmp_path):
    family = tmp_path / "f"
    family.mkdir()
    _spec(family, "a", depends="[$nothing_tables]")
    with pytest.raises(ValueError, match=r"a\.yaml: depends_on names unknown list '\$nothing_tables'"):
        load_specs(tmp_path)
    other = tmp_path / "g"
    (other / "f").mkdir(parents=True)
    publish = "publish:\n  - {table: shared, contract: m:C, sort: [x]}\n"
    _spec(other / "f", "a", publish)
    _spec(other / "f", "b", publish)
    with pytest.raises(ValueError, match=r"b\.yaml: published table 'shared' is already published by the spec of 'a'"):
        publications(other)


class _Published(pa.DataFrameModel):
    release: Series[str] = pa.Field(description="Release")
    check: Series[str] = pa.Field(isin=["a", "b"], description="A column named by an SQL keyword")
    n: Series[int] = pa.Field(description="Number")

    class Config:
        strict = True
        coerce = True
        metadata = {"table": "t", "title": "T", "description": "A table", "primary_key": ["check", "n"]}


def test_the_default_query_selects_the_contract_columns_in_its_sort_order_and_adds_release_once():
    con = duckdb.connect()
    con.execute('CREATE TABLE src AS SELECT * FROM (VALUES (1, \'a\', \'x\'), (2, \'b\', \'y\'), (3, \'a\', \'z\')) '
                'AS v(n, "check", extra)')
    schema = _Published.to_schema()
    sql = default_query(schema, "src", ("check DESC", "n"))
    assert sql == 'SELECT "check", "n" FROM "src" ORDER BY "check" DESC, "n"'
    out = build_table(con, Contract("t", _Published, schema, sql, ("src",)), "2026-demo")
    assert list(out.frame.columns) == ["release", "check", "n"]          # contract order, `extra` not published
    assert out.frame.values.tolist() == [["2026-demo", "b", 2], ["2026-demo", "a", 1], ["2026-demo", "a", 3]]
    con.execute("UPDATE src SET \"check\" = 'c' WHERE n = 3")
    with pytest.raises(release_tables.ContractError, match=r"'t' breaks its contract \(_Published\)"):
        build_table(con, Contract("t", _Published, schema, sql, ("src",)), "2026-demo")


def test_every_published_contract_is_claimed_by_a_spec_or_has_its_own_sql():
    contracts = release_tables.contracts(publications(), derived_lists())
    claimed = publications()
    assert {"sdg_indicators", "idi", "country_profiles", "imputed_inputs"} <= set(claimed)
    assert {"observations", "quarantine", "revisions", "survey_estimates"} <= set(contracts) - set(claimed)
    assert claimed["sdg_indicators"].sql is None and claimed["sdg_imputed_inputs"].sql.is_file()
    allowed = contracts["sdg_indicators"].schema.columns["indicator"].checks[0].statistics["allowed_values"]
    assert sorted(allowed) == sorted(str(s.metadata["code"]) for s in load_specs() if s.sdg is not None)
