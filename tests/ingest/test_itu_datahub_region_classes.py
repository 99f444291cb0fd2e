"""ITU DataHub region classes: read, every line excluded with a sentence (the project does not use DataHub region
ids), and an ITU/BDT region the project does not know quarantined."""
import pytest
from support.adapter_checks import Sample, check_defect, check_result, rule_counts
from support import shared_file

from pipelines.ingest import detect_format, itu_datahub_region_classes as adapter

REL = "itu_regions/itu_datahub_region_classes.csv"
GOOD = {"className": "ITU/BDT Classification", "regionCode": "AFR", "regionName": "Africa", "regionID": "1"}
SAMPLE = Sample(adapter.FORMAT, adapter.COLUMNS, GOOD, required="regionCode", staged_per_line=0)


@pytest.mark.integration
def test_real_file_is_read_and_every_line_excluded_with_a_reason(shared_data):
    path = shared_file(shared_data, REL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, REL)
    check_result(result)
    assert (result.rows_read, result.rows_staged, rule_counts(result)) == (14, 0, {"not_used": 14})
    assert set(result.quarantine["severity"]) == {"excluded"}
    first = result.quarantine.iloc[0]
    assert (first["line"], first["value"]) == (2, "AFR")
    assert "'ITU/BDT Classification' region AFR (Africa, id 1) is a DataHub region id" in first["reason"]


def test_an_itu_region_the_project_does_not_know_is_quarantined(tmp_path):
    rows = [GOOD, GOOD | {"regionCode": "XYZ", "regionName": "Elsewhere", "regionID": "9"},
            GOOD | {"className": "World", "regionCode": "World", "regionName": "World"}, GOOD | {"regionCode": ""}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "classes.csv")
    check_result(result)
    q = result.quarantine.set_index("line")
    assert q["rule"].to_dict() == {2: "not_used", 3: "unknown_region", 4: "not_used", 5: "missing_code"}
    assert q.loc[3, "severity"] == "error" and "ITU_XYZ is not an ITU region" in q.loc[3, "reason"]


@pytest.mark.parametrize("defect", ["empty_file", "missing_column"])
def test_unreadable_file_is_one_file_error(defect, tmp_path):
    check_defect(SAMPLE, defect, tmp_path)


def test_a_cut_or_undecodable_line_is_quarantined_and_the_good_line_still_read(tmp_path):
    text = SAMPLE.text([GOOD, GOOD])
    cut = tmp_path / "cut.csv"
    cut.write_text(text[:text.rstrip("\n").rfind(",")], encoding="utf-8")
    raw = text.encode("utf-8")
    start = raw.rstrip(b"\n").rfind(b"\n") + 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(raw[:start] + b"\xff" + raw[start:])
    for path, rule in ((cut, "field_count"), (bad, "not_utf8")):
        result = adapter.read(path, path.name)
        check_result(result)
        assert sorted(result.quarantine[["line", "rule"]].values.tolist()) == [[2, "not_used"], [3, rule]]
