"""Tariff plans (CSV and .xlsx): staged as the tariff_plans table; impossible plans rejected with named rules."""
import openpyxl
import pandas as pd
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts

from pipelines.core.tariff_plans import INPUT_COLUMNS, RULE_COLUMNS
from pipelines.ingest import detect_format, tariff_plans_csv as adapter

GOOD = {"ref_area": "KEN", "year": "2024", "operator": "Safaricom", "market_share": "0.62", "plan": "Daily 1 GB",
        "plan_type": "prepaid", "currency": "KES", "monthly_fee": "99", "validity_days": "1", "data_gb": "1",
        "minutes": "0", "sms": "0", "price_per_extra_mb": "0.5", "price_per_extra_min": "", "price_per_sms": "",
        "speed_mbps": "", "taxes_included": "true", "promotional": "false"}
SAMPLE = Sample(adapter.FORMAT, INPUT_COLUMNS, GOOD, economy="ref_area", year="year", value="monthly_fee")

test_bad_input = bad_input_test(SAMPLE)


def read(tmp_path, rows, header=None):
    path = SAMPLE.write(tmp_path, rows, header)
    result = adapter.read(path, path.name)
    check_result(result)
    return result


def test_good_plans_are_typed_with_provenance(tmp_path):
    fixed = GOOD | {"plan": "Home 10 Mbit/s", "monthly_fee": "2999", "validity_days": "30", "data_gb": "",
                    "minutes": "", "sms": "", "price_per_extra_mb": "", "speed_mbps": "10", "plan_type": "postpaid"}
    result = read(tmp_path, [GOOD, fixed])
    plans = result.tables["tariff_plans"]
    assert result.rows_read == 2 and result.rows_staged == 2 and result.quarantine.empty
    assert result.observations.empty
    first, second = plans.iloc[0], plans.iloc[1]
    assert (first["ref_area"], first["time_period"], first["monthly_fee"], first["validity_days"]) == \
        ("KEN", 2024, 99, 1)
    assert first["service"] == "mobile" and second["service"] == "fixed_broadband"   # derived from speed_mbps
    assert first["price_per_extra_mb"] == 0.5 and pd.isna(first["price_per_extra_min"])
    assert pd.isna(second["data_gb"]) and second["speed_mbps"] == 10   # empty allowance = unlimited
    assert bool(first["taxes_included"]) and not bool(first["promotional"])
    assert plans["line"].tolist() == [2, 3] and set(plans["file"]) == {"sample.csv"}


@pytest.mark.parametrize("column, bad, rule", [
    ("monthly_fee", "-5", "negative_price"),
    ("price_per_extra_mb", "-0.1", "negative_price"),
    ("validity_days", "0", "invalid_validity"),
    ("validity_days", "7.5", "invalid_validity"),
    ("currency", "KSH", "unknown_currency"),
    ("market_share", "62", "share_out_of_range"),
    ("plan_type", "bundle", "unknown_plan_type"),
    ("promotional", "maybe", "not_a_flag"),
    ("data_gb", "-1", "negative_value"),
    ("monthly_fee", "", "missing_value"),
])
def test_impossible_plans_are_rejected_naming_row_column_and_rule(tmp_path, column, bad, rule):
    result = read(tmp_path, [GOOD | {"plan": "Fine"}, GOOD | {column: bad}])
    q = result.quarantine
    assert q[["file", "line", "column", "rule", "value"]].values.tolist() == [["sample.csv", 3, column, rule, bad]]
    assert "line 3" in q.iloc[0]["reason"] and column in q.iloc[0]["reason"]
    assert result.tables["tariff_plans"]["plan"].tolist() == ["Fine"]   # the good row still flows


def test_a_repeated_plan_is_held_back_naming_the_staged_line(tmp_path):
    result = read(tmp_path, [GOOD, GOOD | {"monthly_fee": "120"}])
    assert rule_counts(result) == {"duplicate_plan": 1}
    assert "already on line 2" in result.quarantine.iloc[0]["reason"]
    assert result.tables["tariff_plans"]["monthly_fee"].tolist() == [99.0]


def test_optional_service_column_and_workbook(tmp_path):
    path = tmp_path / "plans.xlsx"
    book = openpyxl.Workbook()
    book.active.append(INPUT_COLUMNS + ["service"])
    book.active.append([GOOD[c] for c in INPUT_COLUMNS] + ["fixed_telephone"])
    book.active.append([GOOD[c] for c in INPUT_COLUMNS[:4]] + ["Other"] + [GOOD[c] for c in INPUT_COLUMNS[5:]]
                       + ["satellite"])
    book.save(path)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "plans.xlsx")
    check_result(result)
    assert result.tables["tariff_plans"]["service"].tolist() == ["fixed_telephone"]
    assert result.quarantine[["line", "rule"]].values.tolist() == [[3, "unknown_service"]]


def test_collection_rule_columns_are_optional_typed_and_checked(tmp_path):
    header = INPUT_COLUMNS + RULE_COLUMNS
    stated = GOOD | {"technology": "4g", "wifi_hotspot_only": "N", "commitment_months": "12", "one_time_fee": "500"}
    unstated = GOOD | {"plan": "Unstated", "technology": "", "wifi_hotspot_only": "", "commitment_months": "",
                       "one_time_fee": ""}
    bad = [GOOD | {"plan": f"Bad {n}", column: value} for n, (column, value) in enumerate(
        [("technology", "6G"), ("wifi_hotspot_only", "maybe"), ("commitment_months", "-1"), ("one_time_fee", "-5")])]
    result = read(tmp_path, [stated, unstated, *bad], header)
    plans = result.tables["tariff_plans"].set_index("plan")
    first = plans.loc["Daily 1 GB"]
    assert (first["technology"], bool(first["wifi_hotspot_only"]), first["commitment_months"],
            first["one_time_fee"]) == ("4G", False, 12, 500)
    assert plans.loc["Unstated", ["technology", "wifi_hotspot_only", "commitment_months", "one_time_fee"]].isna().all()
    assert sorted(result.quarantine[["line", "column", "rule"]].values.tolist()) == [
        [4, "technology", "unknown_technology"], [5, "wifi_hotspot_only", "not_a_flag"],
        [6, "commitment_months", "negative_value"], [7, "one_time_fee", "negative_price"]]
