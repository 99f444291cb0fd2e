"""World Bank WDI wide CSV: real GNI/PPP/exchange-rate values, aggregates excluded, one record per year cell."""
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file

from pipelines.ingest import detect_format, wdi_wide_csv as adapter

FILES = {"gni": "wb_gni_per_capita_atlas/API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3159868.csv",
         "ppp": "wb_ppp_and_exchange_rates/API_PA.NUS.PPP_DS2_en_csv_v2_13721.csv",
         "fx": "wb_ppp_and_exchange_rates/API_PA.NUS.FCRF_DS2_en_csv_v2_13510.csv"}
PREAMBLE = '"Data Source","World Development Indicators",\n\n"Last Updated Date","2021-10-28",\n\n'
HEADER = [*adapter.ID_COLUMNS, "2016", "2017"]
GOOD = {"Country Name": "Germany", "Country Code": "DEU", "Indicator Name": "GNI per capita, Atlas method",
        "Indicator Code": "NY.GNP.PCAP.CD", "2016": "44250", "2017": "43610"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="Country Code", value="2017", staged_per_line=2,
                preamble=PREAMBLE)

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def real(shared_data):
    return {key: adapter.read(shared_file(shared_data, rel), rel.split("/")[1]) for key, rel in FILES.items()}


@pytest.mark.integration
def test_real_values(real, shared_data):
    assert detect_format(shared_data / FILES["gni"]) == adapter.FORMAT
    assert value(real["gni"], "DEU", "GNI_PC_ATLAS_USD", 2017) == 43610
    assert value(real["gni"], "KEN", "GNI_PC_ATLAS_USD", 2017) == 1420
    assert value(real["ppp"], "KEN", "PPP_FACTOR", 2017) == pytest.approx(41.279, abs=0.001)
    assert value(real["ppp"], "DEU", "PPP_FACTOR", 2022) == pytest.approx(0.6987, abs=0.0001)
    assert value(real["fx"], "JPN", "FX_RATE", 2023) == pytest.approx(140.49, abs=0.01)
    gni = real["gni"].observations
    assert set(gni["source"]) == {"World Bank WDI (last updated 2021-10-28)"}
    assert gni.loc[gni.ref_area == "DEU", "line"].nunique() == 1        # one physical line per economy


@pytest.mark.integration
def test_real_accounting(real):
    for result in real.values():
        check_result(result)
    # 266 lines: 217 economies (some with no value at all) and 49 World Bank aggregates + INX "Not classified"
    assert {k: (r.rows_read, r.rows_staged, rule_counts(r)) for k, r in real.items()} == {
        "gni": (8680, 8630, {"not_an_economy": 50}), "ppp": (6707, 6657, {"not_an_economy": 50}),
        "fx": (12078, 12028, {"not_an_economy": 50})}
    assert "PRK" in real["gni"].notes[0]


def test_bad_cell_holds_back_only_that_cell(tmp_path):
    rows = [GOOD | {"2016": "44,250.5"}, GOOD | {"Country Code": "WLD", "2016": "10000"},
            GOOD | {"Country Code": "KEN", "2016": "", "2017": ""}, GOOD | {"Indicator Code": "XX.YY"}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "wdi.csv")
    check_result(result)
    assert result.observations[["ref_area", "time_period", "line"]].values.tolist() == [["DEU", 2017, 6]]
    q = result.quarantine.set_index("line")
    assert q.loc[6, ["rule", "column"]].tolist() == ["thousands_separator", "2016"]
    assert q.loc[7, ["rule", "severity"]].tolist() == ["not_an_economy", "excluded"]
    assert q.loc[9, ["rule", "column"]].tolist() == ["unknown_source_code", "Indicator Code"]
    assert result.rows_read == 4 and result.notes == ["economies with no value in any year (1): KEN"]


ENROLMENT = {"secondary": "wb_wdi_school_enrolment_sec_ter/API_SE.SEC.ENRR_DS2_en_csv_v2_4672725.csv",
             "tertiary": "wb_wdi_school_enrolment_sec_ter/API_SE.TER.ENRR_DS2_en_csv_v2_3403591.csv"}


@pytest.mark.integration
def test_enrolment_files_with_and_without_the_preamble(shared_data):
    paths = {k: shared_file(shared_data, rel) for k, rel in ENROLMENT.items()}
    assert {detect_format(p) for p in paths.values()} == {adapter.FORMAT}
    result = {k: adapter.read(p, p.name) for k, p in paths.items()}
    for r in result.values():
        check_result(r)
    # PROVENANCE.md spot checks; the secondary file starts at its header (its preamble was removed)
    assert value(result["secondary"], "DEU", "GER_SECONDARY", 2016) == pytest.approx(98.8119964599609, abs=1e-9)
    assert value(result["secondary"], "IND", "GER_SECONDARY", 2016) == pytest.approx(75.09, abs=0.005)
    assert value(result["secondary"], "KOR", "GER_SECONDARY", 2015) == pytest.approx(100.01, abs=0.005)
    assert value(result["tertiary"], "DEU", "GER_TERTIARY", 2016) == pytest.approx(67.95, abs=0.005)
    assert value(result["tertiary"], "KEN", "GER_TERTIARY", 2016) == pytest.approx(11.70, abs=0.005)
    secondary = result["secondary"].observations
    assert secondary[(secondary.ref_area == "KEN") & (secondary.time_period == 2016)].empty
    assert set(secondary["source"]) == {"World Bank WDI (no preamble: vintage not stated in the file)"}
    assert set(result["tertiary"].observations["source"]) == {"World Bank WDI (last updated 2024-06-28)"}
    assert secondary.loc[secondary.ref_area == "ABW", "line"].min() == 2      # data from line 2, after the header
    # World Bank aggregates are excluded, never staged: 8 fewer in the edited secondary file (EAP ... FCS removed)
    excluded = {k: rule_counts(r).get("not_an_economy", 0) for k, r in result.items()}
    assert excluded["tertiary"] - excluded["secondary"] == 8


def test_header_only_copy_reads_like_the_bulk_file(tmp_path):
    path = tmp_path / "API_no_preamble.csv"
    path.write_text(SAMPLE.text([GOOD])[len(PREAMBLE):], encoding="utf-8")
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, path.name)
    check_result(result)
    assert result.observations[["ref_area", "time_period", "obs_value", "line"]].values.tolist() == [
        ["DEU", 2016, 44250.0, 2], ["DEU", 2017, 43610.0, 2]]


POP_BY_SEX = "wb_wdi_population_by_sex"
ICT_2024 = "wb_wdi_ict_fixedtel_mobile_2024"


@pytest.fixture(scope="module")
def by_sex(shared_data):
    """{(vintage folder, indicator code): result} for the six population files of the two WDI vintages."""
    files = sorted((shared_data / POP_BY_SEX).glob("wdi_*/API_*.csv"))
    if len(files) != 6:
        pytest.skip(f"{shared_data / POP_BY_SEX} does not hold the six population files; integration test skipped")
    return {(p.parent.name, p.name.split("_")[1]): adapter.read(p, f"{p.parent.name}/{p.name}") for p in files}


@pytest.mark.integration
def test_real_population_by_sex_two_vintages(by_sex):
    old, new = "wdi_2020-05-19", "wdi_2025-06-05"
    # PROVENANCE.md spot checks: counts (2020 vintage, to 2018) and shares (2025 vintage, to 2024)
    assert value(by_sex[(old, "SP.POP.TOTL.FE.IN")], "KEN", "POP_FEMALE", 2016) == 24_684_358
    assert value(by_sex[(old, "SP.POP.TOTL.MA.IN")], "KEN", "POP_MALE", 2016) == 24_367_328
    assert value(by_sex[(old, "SP.POP.TOTL")], "KEN", "POP_TOTAL", 2016) == 49_051_686
    assert value(by_sex[(old, "SP.POP.TOTL.FE.IN")], "IND", "POP_FEMALE", 2016) == 635_908_885
    assert value(by_sex[(new, "SP.POP.TOTL.FE.ZS")], "DEU", "POP_FEMALE_PCT", 2016) == pytest.approx(50.6504, abs=1e-4)
    assert value(by_sex[(new, "SP.POP.TOTL.MA.ZS")], "KEN", "POP_MALE_PCT", 2023) == pytest.approx(49.7244, abs=1e-4)
    assert value(by_sex[(new, "SP.POP.TOTL")], "KEN", "POP_TOTAL", 2016) == 48_139_687      # WPP 2024 revision
    assert value(by_sex[(new, "SP.POP.TOTL")], "USA", "POP_TOTAL", 2023) == 334_914_895
    counts = by_sex[(old, "SP.POP.TOTL.FE.IN")].observations
    assert counts["time_period"].max() == 2018 and set(counts["unit_measure"]) == {"NUMBER"}
    shares = by_sex[(new, "SP.POP.TOTL.FE.ZS")].observations
    assert shares["time_period"].max() == 2023 and set(shares["unit_measure"]) == {"PERCENT"}
    assert {k: r.vintage for k, r in by_sex.items()} == {k: k[0][4:] for k in by_sex}
    assert set(shares["source"]) == {"World Bank WDI (last updated 2025-06-05)"}
    for result in by_sex.values():
        check_result(result)


@pytest.mark.integration
def test_real_fixed_telephone_and_mobile_per_100_2024_vintage(shared_data):
    fixed = adapter.read(shared_file(shared_data, f"{ICT_2024}/API_IT.MLT.MAIN.P2_DS2_en_csv_v2_2984.csv"), "fixed.csv")
    mobile = adapter.read(shared_file(shared_data, f"{ICT_2024}/API_IT.CEL.SETS.P2_DS2_en_csv_v2_2987.csv"), "mob.csv")
    # PROVENANCE.md spot checks (per 100 inhabitants)
    assert value(fixed, "DEU", "FTEL_SUBS_P100", 2016) == pytest.approx(55.022, abs=5e-4)
    assert value(fixed, "KEN", "FTEL_SUBS_P100", 2017) == pytest.approx(0.143, abs=5e-4)
    assert value(fixed, "KOR", "FTEL_SUBS_P100", 2015) == pytest.approx(56.639, abs=5e-4)
    assert value(mobile, "IND", "MOB_SUBS_P100", 2016) == pytest.approx(84.251, abs=5e-4)
    assert value(mobile, "DEU", "MOB_SUBS_P100", 2017) == pytest.approx(132.770, abs=5e-4)
    assert fixed.vintage == mobile.vintage == "2024-02-21"
    for result in (fixed, mobile):
        check_result(result)
        assert set(result.quarantine["rule"]) == {"not_an_economy"}          # World Bank aggregates only
