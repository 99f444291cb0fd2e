"""UNSD gender-portal extracts (.tsv and the .xlsx source workbooks): real values, M49/ISO3 areas, named errors."""
import openpyxl
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file

from pipelines.core.canonical import OBS_KEY
from pipelines.ingest import detect_format, un_gender_portal_tsv as adapter

FOLDER = "unsd_gender_ict_sdg"
FILES = {"I.17": "2900__I_17__I13151395__S13151395.tsv", "I.18": "3000__I_18__Ib8e91664__Sb8e91664.tsv",
         "II.10": "5000__II_10__Ib6932825__S01912ae8.tsv",
         "I.17 xlsx": "I_17__I13151395_source.xlsx", "I.18 xlsx": "I_18__Ib8e91664_source.xlsx"}
HEADER = ["INDICATOR_LABEL", "REF_AREA", "REF_AREA_DESC", "ISO3", "TIME_PERIOD", "SEX", "AGE", "ICT_SKILL",
          "OBS_VALUE", "UNIT_MEASURE", "NATURE", "COMMENT_OBS", "SOURCE_DETAIL"]
GOOD = {"INDICATOR_LABEL": "I.18", "REF_AREA": "4", "REF_AREA_DESC": "Afghanistan", "ISO3": "AFG",
        "TIME_PERIOD": "2016", "SEX": "_T", "OBS_VALUE": "46.82", "UNIT_MEASURE": "PT", "NATURE": "C",
        "SOURCE_DETAIL": "NSIA"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="ISO3", year="TIME_PERIOD", value="OBS_VALUE",
                delimiter="\t", name="sample.tsv")

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def real(shared_data):
    return {key: adapter.read(shared_file(shared_data, f"{FOLDER}/{name}"), name) for key, name in FILES.items()}


@pytest.mark.integration
def test_real_values(real):
    assert value(real["I.18"], "AFG", "MOB_OWN_PCT", 2016, sex="_T") == 46.82
    assert value(real["I.18"], "BRA", "MOB_OWN_PCT", 2014, sex="F") == 85.34
    assert value(real["I.18 xlsx"], "AFG", "MOB_OWN_PCT", 2016, sex="_T") == 46.82
    assert value(real["II.10"], "ALB", "ICT_SKILL_PCT", 2019, sex="_T", breakdown="SKILL_ICTCMFL") == 16.12054
    assert value(real["I.17"], "DNK", "INET_USERS_PCT", 2013, sex="F") == 94.33
    assert value(real["I.17 xlsx"], "DNK", "INET_USERS_PCT", 2010, sex="M") == 89.24
    dnk = real["I.17"].observations.query("ref_area == 'DNK'")
    assert set(dnk["age"]) == {"Y16T74"}
    nature = real["II.10"].observations["nature"].value_counts().to_dict()
    assert nature == {"C": 5836, "E": 72}


@pytest.mark.integration
def test_real_accounting(real):
    for result in real.values():
        check_result(result)
    counts = {k: (r.rows_read, r.rows_staged, rule_counts(r)) for k, r in real.items()}
    # I.17 has 20 lines with age '_X' (not specified): no staged age code means that
    assert counts == {"I.17": (794, 774, {"unknown_age": 20}), "I.18": (723, 723, {}), "II.10": (5908, 5908, {}),
                      "I.17 xlsx": (794, 774, {"unknown_age": 20}), "I.18 xlsx": (723, 723, {})}
    # the workbook holds the same values as the tab-separated file
    tsv, xlsx = (real[k].observations.drop(columns=["file", "line"]).sort_values(OBS_KEY).reset_index(drop=True)
                 for k in ("I.18", "I.18 xlsx"))
    assert tsv.equals(xlsx)


def test_m49_used_when_iso3_is_blank_and_codes_checked(tmp_path):
    rows = [GOOD | {"ISO3": ""},
            GOOD | {"ISO3": "", "REF_AREA": "1"},
            GOOD | {"INDICATOR_LABEL": "II.10", "ICT_SKILL": "EPRS", "SEX": "F", "AGE": "Y15T24"},
            GOOD | {"INDICATOR_LABEL": "II.10"},
            GOOD | {"AGE": "_X"},
            GOOD | {"SEX": "FEMALE"},
            GOOD | {"UNIT_MEASURE": "NUMBER"},
            GOOD | {"INDICATOR_LABEL": "I.99"}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "gender.tsv")
    check_result(result)
    o = result.observations.set_index("line")
    assert o.loc[2, "ref_area"] == "AFG"
    assert o.loc[4, ["series", "breakdown", "sex", "age"]].tolist() == ["ICT_SKILL_PCT", "SKILL_ICTPST", "F", "Y15T24"]
    q = result.quarantine.set_index("line")
    expected = {3: ("not_an_economy", "REF_AREA"), 5: ("missing_code", "ICT_SKILL"), 6: ("unknown_age", "AGE"),
                7: ("unknown_code", "SEX"), 8: ("unit_mismatch", "UNIT_MEASURE"), 9: ("unknown_source_code",
                                                                                   "INDICATOR_LABEL")}
    assert {line: tuple(q.loc[line, ["rule", "column"]]) for line in expected} == expected


def test_xlsx_workbook_is_read_like_the_tsv(tmp_path):
    path = tmp_path / "I_18_source.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([GOOD.get(h) for h in HEADER])
    book.active.append([(GOOD | {"OBS_VALUE": "12,5"}).get(h) for h in HEADER])
    book.save(path)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, path.name)
    check_result(result)
    assert result.observations[["ref_area", "obs_value", "line"]].values.tolist() == [["AFG", 46.82, 2]]
    assert result.quarantine[["line", "rule"]].values.tolist() == [[3, "comma_decimal"]]
