"""Every CSV the project writes is safe to open in a spreadsheet: text cells starting with '=', '+', '-', '@', tab or
CR get a leading quote; numbers stay numbers (issue 12: failures 2 and 3, chart data)."""
import csv
import io

import pandas as pd
import pytest

from indicators.sdg import sdmx
from pipelines.cli import main
from pipelines.core import csv_output
from pipelines.reports import charts

TRIGGERS = ["=HYPERLINK(\"http://x\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
            "\t=1+1", "\r=1+1"]
SAFE = ["'" + t.replace("\r", "\n") for t in TRIGGERS]   # a carriage return inside a cell is written as a line feed


@pytest.mark.parametrize("text, safe", list(zip(TRIGGERS, SAFE)))
def test_each_trigger_gets_a_leading_quote(text, safe):
    assert csv_output.neutralise(text) == safe


@pytest.mark.parametrize("value", ["-3.5", "+2", "-1e-3", "12", "plain text", "a=b", "", 3.5, -7, None])
def test_numbers_and_harmless_text_are_unchanged(value):
    assert csv_output.neutralise(value) == value


def read_back(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def sdg_rows(sources):
    return pd.DataFrame([{"series": "IT_USE_ii99", "ref_area_m49": 404.0, "sex": "_T", "age": "_T",
                          "urbanisation": "_T", "composite_breakdown": "_T", "time_period": 2020 + i,
                          "obs_value": -1.5 + i, "unit_measure": "PERCENT", "nature": "C", "source": source,
                          "comment": source} for i, source in enumerate(sources)])


def test_sdmx_csv_for_unsd_neutralises_source_detail_and_comment_but_not_values():
    export = sdmx.sdmx_frame(sdg_rows(TRIGGERS + ["ITU estimate"]))
    rows = read_back(sdmx.to_csv_bytes(export.frame))
    assert [r["SOURCE_DETAIL"] for r in rows] == SAFE + ["ITU estimate"]
    assert [r["COMMENT_OBS"] for r in rows] == SAFE + ["ITU estimate"]
    assert [float(r["OBS_VALUE"]) for r in rows] == [-1.5 + i for i in range(len(TRIGGERS) + 1)]
    assert rows[0]["OBS_VALUE"] == "-1.5"        # a negative number stays a number


def test_export_command_writes_the_neutralised_sdmx_csv(tmp_path, capsys):
    folder = tmp_path / "wh" / "published" / "r1"
    folder.mkdir(parents=True)
    sdg_rows(TRIGGERS).to_parquet(folder / "sdg_indicators.parquet")
    out = tmp_path / "out.csv"
    assert main(["export", "sdmx", "--release", "r1", "--out", str(out), "--warehouse", str(tmp_path / "wh")]) == 0
    assert [r["SOURCE_DETAIL"] for r in read_back(out.read_bytes())] == SAFE


def observations(value: float, source: str) -> pd.DataFrame:
    return pd.DataFrame([{"ref_area": "KEN", "time_period": 2023, "series": "INET_USERS_PCT", "sex": "_T", "age": "_T",
                          "urbanisation": "_T", "breakdown": "_T", "unit_measure": "PERCENT", "unit_mult": 0,
                          "obs_value": value, "nature": "C", "source": source, "note": None, "source_code": None,
                          "file": "a.csv", "line": 2}])


def test_diff_out_csv_neutralises_old_and_new_source(tmp_path, capsys):
    published = tmp_path / "wh" / "published"
    for release, value, source in [("r1", 10.0, "=HYPERLINK(\"http://x\")"), ("r2", 7.5, "@cmd")]:
        (published / release).mkdir(parents=True)
        observations(value, source).to_parquet(published / release / "observations.parquet")
    (published / "latest").symlink_to("r2")
    out = tmp_path / "diff.csv"
    assert main(["diff", "--from", "r1", "--to", "latest", "--out", str(out), "--warehouse", str(tmp_path / "wh")]) == 0
    [row] = read_back(out.read_bytes())
    assert (row["change"], row["old_source"], row["new_source"]) == ("revised", "'=HYPERLINK(\"http://x\")", "'@cmd")
    assert float(row["difference"]) == -2.5 and row["difference"].startswith("-")


def test_chart_data_csv_neutralises_group_names_and_source(tmp_path, monkeypatch):
    data = pd.DataFrame({"Internet use": [-0.5, 40.0]}, index=pd.Index(["=cmd", "Africa"], name="group"))
    chart = charts.Chart("internet_use", "Internet use", data, "%", 2023, "+source")
    monkeypatch.setattr(charts, "build_charts", lambda release: [chart])
    charts.write_charts(None, tmp_path)
    rows = read_back((tmp_path / "internet_use.csv").read_bytes())
    assert [(r["group"], r["Internet use"], r["source"]) for r in rows] == [
        ("'=cmd", "-0.5000", "'+source"), ("Africa", "40.0000", "'+source")]
