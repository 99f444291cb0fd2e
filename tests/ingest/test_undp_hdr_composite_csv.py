"""UNDP HDR composite indices CSV: mean years of schooling (total and by sex) read, every other column accounted."""
import csv

import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file

from pipelines.ingest import detect_format, undp_hdr_composite_csv as adapter

REAL = "undp_hdr_composite_2021_22/HDR21-22_Composite_indices_complete_time_series.csv"
HEADER = ["iso3", "country", "hdicode", "region", "continent", "hdi_rank_2021", "hdi_2016", "mys_2016", "mys_2017",
          "mys_f_2016", "mys_m_2016"]
GOOD = {"iso3": "DEU", "country": "Germany", "hdicode": "Very High", "region": "", "continent": "Europe",
        "hdi_rank_2021": "9", "hdi_2016": "0.940", "mys_2016": "14.132", "mys_2017": "14.105", "mys_f_2016": "13.8",
        "mys_m_2016": "14.4"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="iso3", value="mys_2017", staged_per_line=4,
                bad_year_label="mys_20l7", name="HDR_composite.csv")

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def real(shared_data):
    path = shared_file(shared_data, REAL)
    return path, adapter.read(path, path.name)


@pytest.mark.integration
def test_real_values(real):
    path, result = real
    assert detect_format(path) == adapter.FORMAT
    # PROVENANCE.md spot checks (mys, years)
    assert value(result, "DEU", "MEAN_YEARS_SCHOOLING", 2016, sex="_T") == 14.1321497     # PROVENANCE: 14.132
    assert value(result, "KEN", "MEAN_YEARS_SCHOOLING", 2021, sex="_T") == pytest.approx(6.652, abs=5e-4)
    assert value(result, "IND", "MEAN_YEARS_SCHOOLING", 2015, sex="_T") == pytest.approx(6.249, abs=5e-4)
    assert value(result, "ISL", "MEAN_YEARS_SCHOOLING", 2017, sex="_T") == pytest.approx(13.456, abs=5e-4)
    female = value(result, "KEN", "MEAN_YEARS_SCHOOLING", 2021, sex="F")
    male = value(result, "KEN", "MEAN_YEARS_SCHOOLING", 2021, sex="M")
    assert female < 6.652 < male
    row = result.observations.query("ref_area == 'DEU' and time_period == 2016 and sex == '_T'").iloc[0]
    assert (row.nature, row.source_code, row.unit_measure) == ("E", "mys", "YEARS")
    assert path.name in row.source


@pytest.mark.integration
def test_real_accounting_counts_only_the_read_cells(real):
    path, result = real
    check_result(result)
    assert rule_counts(result) == {}
    # every non-empty mys / mys_f / mys_m cell of the file is one record, and nothing else is
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    read = [k for k in rows[0] if adapter.INDICATOR_YEAR.fullmatch(k)
            and adapter.INDICATOR_YEAR.fullmatch(k)["code"] in ("mys", "mys_f", "mys_m")]
    assert len(read) == 3 * 32                          # 1990-2021 for each
    assert result.rows_read == sum(1 for r in rows for k in read if r[k].strip())
    assert result.observations["ref_area"].nunique() > 185
    others = len(rows[0]) - len(adapter.DESCRIPTIVE) - len(read)     # hdi_rank_2021 and ~900 indicator-years
    assert result.notes[0].startswith(f"{others} indicator-year columns not read")
    assert "hdi (32)" in result.notes[0] and "gnipc (32)" in result.notes[0] and "mys" not in result.notes[0]


def test_unmapped_columns_are_not_records_and_a_bad_cell_holds_back_that_cell(tmp_path):
    rows = [GOOD | {"mys_2017": "14,1"}, GOOD | {"iso3": "ZZZ"}, GOOD | {"iso3": "KEN", "mys_2016": "", "mys_2017": ""}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "hdr.csv")
    check_result(result)
    q = result.quarantine.sort_values("line")
    assert q[["line", "rule", "column"]].values.tolist() == [[2, "comma_decimal", "mys_2017"],
                                                             [3, "unknown_economy", "iso3"]]
    # DEU: 3 good cells; KEN: its two sex cells; hdi_2016 and hdi_rank_2021 are never records
    assert result.rows_staged == 5 and result.rows_read == 7
    assert result.notes == ["2 indicator-year columns not read (not project series): hdi (1), hdi_rank (1)"]
