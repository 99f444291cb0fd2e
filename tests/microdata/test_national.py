"""Survey microdata as national offices hold it (.dta, .sav, .csv through a variable map) gives the estimates of its
Parquet twin; map errors name what is wrong, and values that cannot be mapped are quarantined by row."""
import pandas as pd
import pytest
import yaml

from pipelines.commands.microdata import run_map_template
from pipelines.microdata import national, store, synthetic
from pipelines.microdata.estimator import MicrodataFileError

KEY = ["ref_area", "time_period", "survey", "variable", "sex", "age", "urbanisation"]


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    """One round as Parquet (documented schema) and as .dta, .sav and .csv twins, each estimated: {format: result}."""
    root = tmp_path_factory.mktemp("twins")
    table = synthetic.survey_round("KEN", 2022, 2500, seed=31)
    results = {}
    for fmt in ("parquet", "dta", "sav", "csv"):
        raw = root / fmt / "raw"
        path = store.input_folder(raw) / "KEN" / f"KEN_2022.{fmt}"
        (synthetic.write_round if fmt == "parquet" else synthetic.write_national)(path, table)
        results[fmt] = store.estimate_economies(raw, root / fmt / "warehouse", ["KEN"])
    return results


@pytest.mark.parametrize("fmt", ["dta", "sav", "csv"])
def test_a_national_twin_gives_the_estimates_of_its_parquet_twin(twins, fmt):
    (reference, errors), (twin, twin_errors) = twins["parquet"], twins[fmt]
    assert errors == {} == twin_errors
    expected, got = reference["KEN"].estimates, twin["KEN"].estimates
    assert len(got) == len(expected) == 2 * 45 + 11 * 36 + 2 * 3
    merged = expected.merge(got, on=KEY, suffixes=("", "_twin"), validate="1:1")
    for column in ("estimate", "standard_error", "weighted_total"):
        assert (merged[column] - merged[f"{column}_twin"]).abs().max() <= 1e-9, column
    assert (merged["respondents"] == merged["respondents_twin"]).all()
    assert twin["KEN"].quarantine.empty and twin["KEN"].respondents_read == 2500


def test_the_dta_twin_has_value_labels_and_is_read_in_chunks(tmp_path, monkeypatch):
    path = synthetic.write_national(tmp_path / "KEN_2022.dta", synthetic.survey_round("KEN", 2022, 1000, seed=3))
    names, labels = national.metadata(path)
    assert "b02_sex" in names and labels["b02_sex"] == {1: "Male", 2: "Female"}
    assert labels["q07_internet"] == {1: "Yes", 2: "No"}
    monkeypatch.setattr(national, "CHUNK_ROWS", 300)
    sizes = [len(chunk) for chunk in national.chunks(path, ["pid", "b02_sex"])]
    assert sizes == [300, 300, 300, 100]
    national.convert(path, tmp_path / "mapped.parquet")
    whole = pd.read_parquet(tmp_path / "mapped.parquet")
    assert len(whole) == 1000 and whole["person_id"].tolist()[:3] == ["1", "2", "3"]


def national_round(tmp_path, fmt="dta"):
    raw = tmp_path / "raw"
    path = store.input_folder(raw) / "GHA" / f"GHA_2021.{fmt}"
    synthetic.write_national(path, synthetic.survey_round("GHA", 2021, 600, seed=9))
    return raw, path


def edit_map(path, change):
    spec = yaml.safe_load(store.map_path(path).read_text())
    change(spec)
    store.map_path(path).write_text(yaml.safe_dump(spec, sort_keys=False))


def test_a_missing_variable_or_a_label_left_out_of_the_map_is_an_error_naming_it(tmp_path):
    raw, path = national_round(tmp_path)
    edit_map(path, lambda spec: spec["variables"].update(age="b03_age_years"))
    with pytest.raises(MicrodataFileError, match="GHA_2021.map.yaml: variable 'b03_age_years' \\(mapped to age\\) "
                                                 "is not in GHA_2021.dta"):
        national.load_map(path)
    raw, path = national_round(tmp_path / "b")
    edit_map(path, lambda spec: spec["variables"]["sex"]["codes"].pop(2))
    with pytest.raises(MicrodataFileError, match="value label 2 \\('Female'\\) of variable 'b02_sex' is not in the "
                                                 "map \\(sex.codes\\)"):
        national.load_map(path)
    results, errors = store.estimate_economies(raw, tmp_path / "b" / "warehouse", ["GHA"])
    assert results == {} and "value label 2 ('Female')" in errors["GHA"]


def test_wrong_types_and_codes_outside_the_map_are_quarantined_by_row(tmp_path):
    raw, path = national_round(tmp_path, "csv")
    frame = pd.read_csv(path)
    frame[["b03_age", "wt_person"]] = frame[["b03_age", "wt_person"]].astype(object)
    frame.loc[4, "b03_age"] = "thirty"             # row 5: wrong type
    frame.loc[9, "b02_sex"] = 3                    # row 10: no such code in the map
    frame.loc[14, "wt_person"] = "heavy"           # row 15: wrong type
    frame.to_csv(path, index=False)
    results, errors = store.estimate_economies(raw, tmp_path / "warehouse", ["GHA"])
    assert errors == {}
    quarantine = results["GHA"].quarantine.set_index("line")
    assert quarantine.loc[5, ["column", "rule", "value"]].tolist() == ["age", "wrong_type", "thirty"]
    assert quarantine.loc[10, ["column", "rule", "value"]].tolist() == ["sex", "label_outside_map", "3"]
    assert quarantine.loc[15, ["column", "rule", "value"]].tolist() == ["person_weight", "wrong_type", "heavy"]
    assert quarantine.loc[10, "reason"] == ("microdata/GHA/GHA_2021.csv row 10, column 'sex': the code has no entry in "
                                            "the survey's variable map (value '3').")
    assert set(quarantine.loc[[5, 10, 15], "file"]) == {"microdata/GHA/GHA_2021.csv"}
    total = results["GHA"].estimates.query("variable == 'internet_3m' and sex == '_T' and age == '_T' "
                                           "and urbanisation == '_T'")
    assert results["GHA"].respondents_read == 600
    assert total["respondents"].tolist() == [600 - len(quarantine)]     # the rest is estimated


def test_map_template_starts_from_the_files_variables_and_labels(tmp_path, capsys):
    _, path = national_round(tmp_path, "sav")
    store.map_path(path).unlink()
    args = type("Args", (), {"file": path, "output": None})
    assert run_map_template(args) == 0
    text = store.map_path(path).read_text()
    assert "# Variables in the file: pid, hhid, wt_person" in text
    assert "#   b02_sex codes: 1 Male, 2 Female" in text
    spec = yaml.safe_load(text)
    assert spec["constants"] == {"ref_area": "?", "time_period": "?", "survey": "?"}
    assert spec["variables"]["sex"] == "?" and spec["variables"]["internet_3m"] == "?"
    with pytest.raises(MicrodataFileError, match="ref_area, time_period, survey, person_id.* still '\\?'"):
        national.load_map(path)
    assert run_map_template(args) == 2 and "exists" in capsys.readouterr().err
