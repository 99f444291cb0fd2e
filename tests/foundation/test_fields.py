"""The field vocabulary (schemas/fields.py): each shared column declared once, and the models built from it."""
import pandas as pd
import pandera.pandas as pa
import pytest

from pipelines.core.canonical import OBS_COLUMNS, OBS_DTYPES, observations_frame
from schemas import reference as ref
from schemas.fields import FIELDS, OBSERVATION_COLUMNS, Column, codelist
from schemas.models import model
from schemas.published import published_models
from schemas.published.core import ObservationsPublished, meta
from schemas.staged import Observation
from schemas.validation import split_valid


def test_the_observation_is_declared_once_for_adapters_staging_and_publishing():
    assert OBS_COLUMNS == OBSERVATION_COLUMNS
    assert OBS_DTYPES["time_period"] == "Int64" and OBS_DTYPES["obs_value"] == "float64"
    assert OBS_DTYPES["ref_area"] == "string" and OBS_DTYPES["line"] == "Int64"
    assert list(Observation.to_schema().columns) == [c for c in OBSERVATION_COLUMNS if c != "source_code"]
    published = list(ObservationsPublished.to_schema().columns)
    assert published == ["release", "ref_area", "ref_area_m49", *OBSERVATION_COLUMNS[1:]]
    assert list(observations_frame([{"ref_area": "KEN", "obs_value": 1.5}]).columns) == OBSERVATION_COLUMNS


def test_codelists_come_from_codelists_csv_and_tables_only_narrow_them():
    csv = pd.read_csv(ref.REFERENCE_DIR / "codelists.csv", dtype=str, keep_default_na=False)
    assert codelist("NATURE") == tuple(csv.loc[csv["codelist"] == "NATURE", "code"]) == ("C", "CA", "E", "G", "M", "N")
    assert codelist("SEX") == ("_T", "F", "M")
    assert FIELDS["nature"].description.startswith("SDG nature: C country data, CA country adjusted data")
    with pytest.raises(ValueError, match="not within"):
        FIELDS["nature"].but(codelist=("C", "X"))
    for table, m in published_models().items():
        for name, col in m.to_schema().columns.items():
            shared = FIELDS.get(name)
            allowed = [c for c in col.checks if c.name == "isin"]
            if shared is not None and shared.codelist is not None and allowed:
                assert set(allowed[0].statistics["allowed_values"]) <= set(shared.codelist), (table, name)


def test_release_is_described_once():
    descriptions = {m.to_schema().columns["release"].description
                    for t, m in published_models().items() if "release" in m.to_schema().columns and t != "revisions"}
    assert descriptions == {FIELDS["release"].description}


def test_remark_extends_the_shared_description_and_keeps_type_and_codes():
    col = FIELDS["sex"].but(remark="F and M weighted by population by sex")
    assert col.description == "SDMX sex code: _T both sexes, F female, M male; F and M weighted by population by sex"
    assert (col.dtype, col.codelist) == (str, ("_T", "F", "M"))


def test_built_model_checks_codes_and_bounds_and_coerces_in_column_order():
    Tiny = model("Tiny", ["time_period", "nature", Column("share", float, "A share", checks={"ge": 0, "le": 1})],
                 {"layer": "test"}, module=__name__)
    good = Tiny.validate(pd.DataFrame({"time_period": ["2020"], "nature": ["E"], "share": [0.5]}))
    assert good["time_period"].tolist() == [2020] and list(Tiny.to_schema().columns) == ["time_period", "nature",
                                                                                          "share"]
    with pytest.raises(pa.errors.SchemaErrors) as err:
        Tiny.validate(pd.DataFrame({"time_period": [2020, 2021], "nature": ["Q", "C"], "share": [0.5, 1.5]}),
                      lazy=True)
    failed = err.value.failure_cases[["column", "check", "failure_case"]].astype(str).values.tolist()
    assert sorted(failed) == [["nature", "isin(['C', 'CA', 'E', 'G', 'M', 'N'])", "Q"],
                              ["share", "less_than_or_equal_to(1)", "1.5"]]


def test_staged_codes_are_quarantined_under_their_rule_not_the_vocabulary_isin():
    row = {"ref_area": "KEN", "time_period": 2020, "series": "INET_USERS_PCT", "sex": "X", "age": "_T",
           "urbanisation": "_T", "breakdown": "_T", "unit_measure": "PERCENT", "unit_mult": 0, "obs_value": 30.0,
           "nature": "C", "source": "ITU", "note": None, "source_code": None, "file": "f.csv", "line": 7}
    frame = pd.DataFrame([row, row | {"sex": "F", "line": 8}]).astype(OBS_DTYPES)
    valid, quarantine = split_valid(frame, Observation)
    assert valid["line"].tolist() == [8]
    assert quarantine[["line", "column", "rule", "value"]].values.tolist() == [[7, "sex", "unknown_code", "X"]]


def test_a_published_table_is_given_sql_or_a_sort_never_both():
    assert meta("t", "T", "d", ["k"])["sql"] == "published/t.sql"
    assert meta("t", "T", "d", ["k"], sort=["k DESC"])["sort"] == ["k DESC"]
    with pytest.raises(ValueError, match="t: give sql or sort, not both"):
        meta("t", "T", "d", ["k"], sql="published/x.sql", sort=["k"])
