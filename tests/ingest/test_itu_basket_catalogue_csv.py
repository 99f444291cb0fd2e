"""ITU's basket catalogue: read as reference data, and the basket definitions carry the same codes and years."""
import re

import pytest
from support.adapter_checks import check_result
from support import shared_file

from indicators.baskets.definitions import catalogue
from pipelines.ingest import detect_format, itu_basket_catalogue_csv as adapter

REAL = "itu_regions/itu_price_basket_catalogue_2008_2025.csv"


def test_a_line_without_a_code_is_held_back(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text("code_prefix,basket_name_as_in_itu_workbook,official_years_per_label,status_note\n"
                    "i154_FBB5,Fixed-broadband Internet basket (5GB) (2018-),2018-,official\n"
                    ",Nameless,2018-,official\n", encoding="utf-8")
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, path.name)
    check_result(result)
    assert (result.rows_read, result.rows_staged, result.rows_quarantined) == (5, 4, 1)
    assert result.quarantine.iloc[0][["line", "column", "rule"]].tolist() == [3, "code_prefix", "missing_code"]
    assert dict(zip(result.reference["attribute"], result.reference["value"]))["itu_basket_official_years"] == "2018-"


@pytest.mark.integration
def test_definitions_follow_itu_s_catalogue(shared_data):
    path = shared_file(shared_data, REAL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, REAL)
    check_result(result)
    ref = result.reference.pivot(index="line", columns="attribute", values="value").set_index("itu_basket_code")
    assert len(ref) == 15 and result.rows_staged == 60
    spans = catalogue().baskets
    official = spans[~spans["experimental"]].set_index("code")
    for code, row in ref.iterrows():
        status = row["itu_basket_status"]
        if status.startswith("experimental"):   # e.g. "experimental (2023-2025)": only an experimental span
            first, last = map(int, re.search(r"(\d{4})-(\d{4})", status).groups())
            assert code not in official.index
            got = spans[(spans["code"] == code) & spans["experimental"]]
            assert got[["first_year", "last_year"]].values.tolist() == [[first, last]], code
            continue
        first, last = re.match(r"(\d{4})-(\d{4})?", row["itu_basket_official_years"]).groups()
        assert official.loc[code, "first_year"] == int(first), code
        assert official.loc[code, "last_year"] == (int(last) if last else 2100), code
        assert official.loc[code, "title"] == row["itu_basket_name"], code
