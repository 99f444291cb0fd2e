"""SDMX-CSV 1.0 and 2.0: World Bank Data360 (ITU DataHub), Eurostat isoc_ci_ifp_iu and the project's own UN SDG
export, through the code maps; named errors for unmapped codes, unknown dataflows and missing dimensions.

The Data360 lines are written in the column layout and with the codes of real Data360 downloads of ITU DataHub
series (ITU_DH_POP_COV_4G, ITU_DH_ACT_MOB_PER_100, ITU_DH_INT_USR_DAY: values as published for those economies and
years); the public files themselves are not in the repository.
"""
from pathlib import Path

import pandas as pd
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value

from pipelines.cli import main
from pipelines.ingest import detect_format, read_file, sdmx_csv as adapter
from schemas import reference as ref

DATA360_HEADER = [
    "STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "FREQ_LABEL", "REF_AREA", "REF_AREA_LABEL", "INDICATOR",
    "INDICATOR_LABEL", "SEX", "SEX_LABEL", "AGE", "AGE_LABEL", "URBANISATION", "URBANISATION_LABEL", "UNIT_MEASURE",
    "UNIT_MEASURE_LABEL", "COMP_BREAKDOWN_1", "COMP_BREAKDOWN_1_LABEL", "COMP_BREAKDOWN_2", "COMP_BREAKDOWN_2_LABEL",
    "COMP_BREAKDOWN_3", "COMP_BREAKDOWN_3_LABEL", "TIME_PERIOD", "OBS_VALUE", "AGG_METHOD", "AGG_METHOD_LABEL",
    "DATABASE_ID", "DATABASE_ID_LABEL", "UNIT_MULT", "UNIT_MULT_LABEL", "UNIT_TYPE", "UNIT_TYPE_LABEL", "TIME_FORMAT",
    "TIME_FORMAT_LABEL", "OBS_STATUS", "OBS_STATUS_LABEL", "OBS_CONF", "OBS_CONF_LABEL"]
DATA360_LINE = {
    "STRUCTURE": "datastructure", "STRUCTURE_ID": "WB.DATA360:DS_DATA360(1.2)", "ACTION": "I", "FREQ": "A",
    "FREQ_LABEL": "Annual", "REF_AREA": "ABW", "REF_AREA_LABEL": "Aruba", "INDICATOR": "ITU_DH_POP_COV_4G",
    "INDICATOR_LABEL": "Population coverage, at least 4G", "SEX": "_T", "SEX_LABEL": "Total", "AGE": "_T",
    "AGE_LABEL": "All age ranges or no breakdown by age", "URBANISATION": "_T", "URBANISATION_LABEL": "Total",
    "UNIT_MEASURE": "PT_POP", "UNIT_MEASURE_LABEL": "Percentage of population", "COMP_BREAKDOWN_1": "_Z",
    "COMP_BREAKDOWN_1_LABEL": "Not Applicable", "COMP_BREAKDOWN_2": "_Z", "COMP_BREAKDOWN_2_LABEL": "Not Applicable",
    "COMP_BREAKDOWN_3": "_Z", "COMP_BREAKDOWN_3_LABEL": "Not Applicable", "TIME_PERIOD": "2013", "OBS_VALUE": "10.0",
    "AGG_METHOD": "MEAN", "AGG_METHOD_LABEL": "Mean", "DATABASE_ID": "ITU_DH",
    "DATABASE_ID_LABEL": "ICT Indicators Database", "UNIT_MULT": "0", "UNIT_MULT_LABEL": "Units",
    "UNIT_TYPE": "RATIO", "UNIT_TYPE_LABEL": "Ratio", "TIME_FORMAT": "602", "TIME_FORMAT_LABEL": "CCYY",
    "OBS_STATUS": "A", "OBS_STATUS_LABEL": "Normal value", "OBS_CONF": "PU", "OBS_CONF_LABEL": "Public"}
DATA360 = Sample(adapter.FORMAT, DATA360_HEADER, DATA360_LINE, economy="REF_AREA", year="TIME_PERIOD",
                 value="OBS_VALUE", name="ITU_DH_POP_COV_4G.csv")
ESTAT_HEADER = ["DATAFLOW", "LAST UPDATE", "freq", "indic_is", "unit", "ind_type", "geo", "TIME_PERIOD", "OBS_VALUE",
                "OBS_FLAG", "CONF_STATUS"]
ESTAT_LINE = {"DATAFLOW": "ESTAT:ISOC_CI_IFP_IU(1.0)", "LAST UPDATE": "16/12/24 23:00:00", "freq": "A",
              "indic_is": "I_IU3", "unit": "PC_IND", "ind_type": "IND_TOTAL", "geo": "AT", "TIME_PERIOD": "2023",
              "OBS_VALUE": "94.41", "OBS_FLAG": "", "CONF_STATUS": ""}
ESTAT = Sample(adapter.FORMAT, ESTAT_HEADER, ESTAT_LINE, economy="geo", year="TIME_PERIOD", value="OBS_VALUE",
               name="isoc_ci_ifp_iu.csv")

test_bad_input_data360 = bad_input_test(DATA360)
test_bad_input_eurostat = bad_input_test(ESTAT)


def d360(**changes: str) -> dict:
    return DATA360_LINE | changes


def read(sample: Sample, tmp_path: Path, rows: list[dict], header: list[str] | None = None):
    path = sample.write(tmp_path, rows, header)
    assert detect_format(path) == adapter.FORMAT
    result = read_file(path, adapter.FORMAT, path.name)
    check_result(result)
    return result


def test_the_itu_datahub_series_redistributed_by_data360_map_every_code(tmp_path):
    coverage = [d360(), d360(REF_AREA="ZAF", TIME_PERIOD="2024", OBS_VALUE="99.41")]
    mobile = [d360(INDICATOR="ITU_DH_ACT_MOB_PER_100", REF_AREA="AFG", TIME_PERIOD="2017", OBS_VALUE="15.4647",
                   UNIT_MEASURE="SB_10P2_HB", UNIT_MEASURE_LABEL="Subscriptions per 100 inhabitants")]
    daily = [d360(INDICATOR="ITU_DH_INT_USR_DAY", REF_AREA="ALB", TIME_PERIOD="2019", AGE=age, SEX=sex,
                  URBANISATION=area, OBS_VALUE=v)
             for age, sex, area, v in (("Y15T24", "_T", "_T", "95.2318"), ("Y0T14", "F", "_T", "61.5"),
                                       ("Y25T74", "M", "URB", "80.25"), ("Y_GE75", "_T", "RUR", "12.0"))]
    users = [d360(INDICATOR="ITU_DH_INT_USER_PT", REF_AREA="XKX", TIME_PERIOD="2023", OBS_VALUE="98.3", SEX="_Z",
                  AGE="_Z", URBANISATION="_Z")]
    results = {name: read(DATA360, tmp_path, rows)
               for name, rows in (("cov", coverage), ("mob", mobile), ("day", daily), ("use", users))}
    for result in results.values():
        assert result.quarantine.empty, result.quarantine.to_string()
    assert value(results["cov"], "ZAF", "COV_4G_PCT", 2024) == 99.41
    assert value(results["mob"], "AFG", "MBB_SUBS_P100", 2017) == 15.4647
    assert results["mob"].observations["unit_measure"].tolist() == ["PER_100_POP"]
    day = results["day"].observations.set_index(["sex", "age", "urbanisation"])["obs_value"]
    assert day.to_dict() == {("_T", "Y15T24", "_T"): 95.2318, ("F", "Y0T14", "_T"): 61.5,
                             ("M", "Y25T74", "U"): 80.25, ("_T", "Y_GE75", "R"): 12.0}
    use = results["use"].observations.iloc[0]
    assert (use["series"], use["sex"], use["age"], use["urbanisation"], use["nature"]) == \
        ("INET_USERS_PCT", "_T", "_T", "_T", "C")
    assert use["source"] == "ITU DataHub via World Bank Data360" and use["source_code"] == "ITU_DH_INT_USER_PT"


def test_every_data360_series_maps_to_a_catalogue_series_in_a_unit_the_unit_map_knows():
    mapped = ref.source_code_map("data360")
    assert {"ITU_DH_POP_COV_4G", "ITU_DH_ACT_MOB_PER_100", "ITU_DH_INT_USR_DAY", "ITU_DH_INT_USER_PT"} <= set(mapped)
    assert {s for s, _ in mapped.values()} <= set(ref.series_catalogue().index)
    targets = {code for pairs in ref.sdmx_code_map("data360")["UNIT_MEASURE"].values() for _, code in pairs}
    assert {ref.unit_of(s)[0] for s, _ in mapped.values()} <= targets


def test_data360_codes_outside_the_maps_are_named_quarantine_rows(tmp_path):
    rows = [d360(),
            d360(INDICATOR="ITU_DH_SKLS_SFTY", TIME_PERIOD="2014"),         # series the project does not have
            d360(SEX="X", TIME_PERIOD="2015"),                             # unmapped sex code
            d360(UNIT_MEASURE="A", TIME_PERIOD="2016"),                    # the status attribute in the unit column
            d360(UNIT_MEASURE="SB", TIME_PERIOD="2017"),                   # a count where the series is a percent
            d360(OBS_STATUS="Z", TIME_PERIOD="2018"),                      # unmapped observation status
            d360(REF_AREA="WLD", TIME_PERIOD="2019")]                      # the World Bank's own aggregate
    result = read(DATA360, tmp_path, rows)
    q = result.quarantine.set_index("line")
    assert result.observations["line"].tolist() == [2]
    assert q.loc[3, ["rule", "column", "value"]].tolist() == ["unknown_source_code", "INDICATOR", "ITU_DH_SKLS_SFTY"]
    assert q.loc[4, ["rule", "column", "value"]].tolist() == ["unmapped_code", "SEX", "X"]
    assert q.loc[5, ["rule", "column", "value"]].tolist() == ["unmapped_code", "UNIT_MEASURE", "A"]
    assert q.loc[6, ["rule", "column", "value"]].tolist() == ["unit_mismatch", "UNIT_MEASURE", "SB"]
    assert "the unit 'SB' (NUMBER) is not the unit of series COV_4G_PCT (PERCENT)" in q.loc[6, "reason"]
    assert q.loc[7, ["rule", "column"]].tolist() == ["unmapped_code", "OBS_STATUS"]
    assert q.loc[8, ["rule", "severity"]].tolist() == ["not_an_economy", "excluded"]
    assert "line 4, column 'SEX'" in q.loc[4, "reason"] and "sdmx_codes.csv" in q.loc[4, "reason"]


def test_an_attribute_column_among_the_dimensions_is_read_by_its_name(tmp_path):
    header = [c for c in DATA360_HEADER if c != "OBS_STATUS"]
    header.insert(header.index("FREQ"), "OBS_STATUS")
    result = read(DATA360, tmp_path, [d360(OBS_STATUS="E")], header)
    assert result.observations[["obs_value", "nature"]].values.tolist() == [[10.0, "E"]]


def test_an_unknown_dataflow_or_a_missing_dimension_is_a_file_error(tmp_path):
    other = read(DATA360, tmp_path, [d360(STRUCTURE_ID="WB.DATA360:DS_OTHER(1.0)")])
    assert other.quarantine[["rule", "severity"]].values.tolist() == [["unknown_dataflow", "file_error"]]
    assert "WB.DATA360:DS_OTHER(1.0) is not one the project reads" in other.quarantine["reason"].iloc[0]
    no_sex = read(DATA360, tmp_path, [d360()], [c for c in DATA360_HEADER if c != "SEX"])
    assert no_sex.quarantine[["rule", "column", "severity"]].values.tolist() == [["missing_column", "SEX",
                                                                                  "file_error"]]
    mixed = read(DATA360, tmp_path, [d360(), d360(STRUCTURE_ID="ESTAT:NAMA_10_GDP(1.0)", STRUCTURE="dataflow")])
    assert mixed.observations["line"].tolist() == [2]
    assert mixed.quarantine[["line", "rule", "value"]].values.tolist() == [[3, "unknown_dataflow",
                                                                            "ESTAT:NAMA_10_GDP(1.0)"]]


def test_a_deletion_row_is_accounted_not_staged(tmp_path):
    result = read(DATA360, tmp_path, [d360(), d360(ACTION="D", TIME_PERIOD="2014")])
    assert result.observations["line"].tolist() == [2]
    assert result.quarantine[["line", "rule", "severity"]].values.tolist() == [[3, "sdmx_delete", "excluded"]]


def test_eurostat_codes_map_to_economies_sex_and_age(tmp_path):
    rows = [ESTAT_LINE, ESTAT_LINE | {"geo": "EL", "OBS_VALUE": "85.47", "OBS_FLAG": "b"},
            ESTAT_LINE | {"geo": "UK", "TIME_PERIOD": "2019", "ind_type": "F_Y16_74", "OBS_VALUE": "92.1"},
            ESTAT_LINE | {"geo": "EU27_2020", "OBS_VALUE": "92.5"},
            ESTAT_LINE | {"ind_type": "CB_NAT", "OBS_VALUE": "94.9"},
            ESTAT_LINE | {"unit": "PC_IND_IU3", "OBS_VALUE": "70.0"},
            ESTAT_LINE | {"geo": "DE", "OBS_VALUE": "", "OBS_FLAG": "c", "CONF_STATUS": "C"}]
    result = read(ESTAT, tmp_path, rows)
    assert value(result, "AUT", "INET_USERS_PCT", 2023, sex="_T", age="Y16T74") == 94.41
    grc = result.observations.set_index("ref_area").loc["GRC"]
    assert (grc["obs_value"], grc["nature"], grc["note"]) == (85.47, "C", "break in time series")
    assert value(result, "GBR", "INET_USERS_PCT", 2019, sex="F", age="Y16T74") == 92.1
    q = result.quarantine.set_index("line")
    assert q.loc[5, ["rule", "severity"]].tolist() == ["not_an_economy", "excluded"]
    assert q.loc[6, ["rule", "column", "value"]].tolist() == ["unmapped_code", "ind_type", "CB_NAT"]
    assert q.loc[7, ["rule", "column", "value"]].tolist() == ["unmapped_code", "unit", "PC_IND_IU3"]
    assert q.loc[8, ["rule", "severity"]].tolist() == ["missing_value", "excluded"]


@pytest.mark.e2e
def test_the_projects_own_sdmx_export_reads_back_as_the_same_observations(demo_release, tmp_path):
    from support import published

    _, wh, release = demo_release
    out = tmp_path / "sdg_itu_indicators.csv"
    assert main(["export", "sdmx", "--release", release, "--warehouse", str(wh), "--out", str(out)]) == 0
    assert detect_format(out) == adapter.FORMAT
    result = read_file(out, adapter.FORMAT, out.name)
    check_result(result)
    sdg = published(demo_release, "sdg_indicators")
    keyed = sdg[sdg["ref_area_m49"].notna()]
    economies = keyed[keyed["area_type"] == "economy"]
    # every economy row comes back; M49 aggregates (World, LDC...) are the source's aggregates, excluded
    assert len(result.observations) == len(economies)
    assert set(result.quarantine["rule"]) == {"not_an_economy"}
    assert len(result.quarantine) == len(keyed) - len(economies)
    catalogue = ref.source_code_map("sdg")
    expected = pd.DataFrame({
        "ref_area": economies["ref_area"], "time_period": economies["time_period"].astype(int),
        "series": economies["series"].map(lambda s: catalogue[s][0]), "sex": economies["sex"],
        "age": economies["age"], "urbanisation": economies["urbanisation"],
        "breakdown": economies["composite_breakdown"], "unit_measure": economies["unit_measure"],
        "obs_value": economies["obs_value"], "nature": economies["nature"],
        "source": economies["source"].fillna("UN SDG Global Database (SDMX-CSV)"), "note": economies["comment"],
        "source_code": economies["series"]})
    got = result.observations[list(expected.columns)]
    key = ["ref_area", "time_period", "source_code", "sex", "age", "urbanisation", "breakdown"]
    normal = [e.astype({"time_period": int}).astype({c: "object" for c in ("source", "note")})
              .sort_values(key).reset_index(drop=True) for e in (expected, got)]
    normal = [n.where(n.notna(), None) for n in normal]
    pd.testing.assert_frame_equal(normal[1], normal[0], check_dtype=False)
