"""ITU price-basket and bandwidth extracts (.csv and .xlsx): three prices per line, bandwidth units from the code."""
import openpyxl
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file

from pipelines.ingest import detect_format, itu_basket_workbook as adapter

FOLDER = "itu_price_baskets_33countries"
STEMS = ["itu_fixed_broad_price_processed", "itu_mobile_broad_price_processed", "itu_int_bandwidth_processed"]
HEADER = ["country", "year", "fixed_broad_price_usd", "fixed_broad_price_gni_pct", "fixed_broad_price_ppp",
          "series_code", "series_units", "data_source", "variable"]
GOOD = {"country": "DEU", "year": "2017", "fixed_broad_price_usd": "39.38", "fixed_broad_price_gni_pct": "1.09",
        "fixed_broad_price_ppp": "42.05", "series_code": "i154_FBB", "series_units": "Multiple (USD, GNI%, PPP)",
        "data_source": "ITU Excel", "variable": "fixed_broad_price"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="country", year="year", value="fixed_broad_price_ppp",
                staged_per_line=3)
BANDWIDTH = Sample(adapter.FORMAT, ["country", "year", "int_bandwidth", "series_code", "series_units"],
                   {"country": "DEU", "year": "2016", "int_bandwidth": "50247.5", "series_code": "i994u",
                    "series_units": "Mbit/s"}, economy="country", year="year", value="int_bandwidth")

test_bad_input = bad_input_test(SAMPLE)
test_bad_input_bandwidth = bad_input_test(BANDWIDTH)


@pytest.fixture(scope="module")
def real(shared_data):
    return {f"{stem}{suffix}": adapter.read(shared_file(shared_data, f"{FOLDER}/{stem}{suffix}"), f"{stem}{suffix}")
            for stem in STEMS for suffix in (".csv", ".xlsx")}


@pytest.mark.integration
def test_real_values(real, shared_data):
    assert detect_format(shared_data / FOLDER / "itu_fixed_broad_price_processed.xlsx") == adapter.FORMAT
    for suffix in (".csv", ".xlsx"):
        fixed = real[f"itu_fixed_broad_price_processed{suffix}"]
        assert value(fixed, "DEU", "BASKET_PRICE_USD", 2017, breakdown="FBB_ITU") == 39.38
        assert value(fixed, "DEU", "BASKET_PRICE_PCT_GNI", 2017, breakdown="FBB_ITU") == 1.09
        assert value(fixed, "DEU", "BASKET_PRICE_PPP", 2017, breakdown="FBB_ITU") == 42.05
        assert value(fixed, "POL", "BASKET_PRICE_USD", 2023, breakdown="FBB_ITU") == 14.36
        mobile = real[f"itu_mobile_broad_price_processed{suffix}"]
        assert value(mobile, "ARM", "BASKET_PRICE_PPP", 2018, breakdown="MBB_DATA_ITU") == 12.84
        bandwidth = real[f"itu_int_bandwidth_processed{suffix}"]
        assert value(bandwidth, "DEU", "INTL_BW_PER_USER_BPS", 2016) == pytest.approx(50247.497013161)
        assert value(bandwidth, "DEU", "INTL_BW_MBPS", 2016) == 3500000
    units = real["itu_int_bandwidth_processed.csv"].observations.groupby("series")["unit_measure"].first().to_dict()
    assert units == {"INTL_BW_MBPS": "MBIT_S", "INTL_BW_PER_FBB_BPS": "BITS_PER_SEC",
                     "INTL_BW_PER_INH_BPS": "BITS_PER_SEC", "INTL_BW_PER_USER_BPS": "BITS_PER_SEC"}


@pytest.mark.integration
def test_real_accounting(real):
    for result in real.values():
        check_result(result)
    counts = {name: (r.rows_read, r.rows_staged, rule_counts(r)) for name, r in real.items()}
    # 495 / 231 lines x 3 prices; a few PPP (and one % GNI) cells are empty in the source
    for suffix in (".csv", ".xlsx"):
        assert counts[f"itu_fixed_broad_price_processed{suffix}"] == (1485, 1476, {"missing_value": 9})
        assert counts[f"itu_mobile_broad_price_processed{suffix}"] == (693, 691, {"missing_value": 2})
        assert counts[f"itu_int_bandwidth_processed{suffix}"] == (1145, 1145, {})


def test_xlsx_rows_are_sheet_rows(tmp_path):
    path = tmp_path / "basket.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([GOOD[h] for h in HEADER])
    book.active.append([(GOOD | {"country": "XYZ"})[h] for h in HEADER])
    book.save(path)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, path.name)
    check_result(result)
    assert result.observations["line"].tolist() == [2, 2, 2]
    assert result.quarantine[["line", "rule"]].values.tolist() == [[3, "unknown_economy"]]
