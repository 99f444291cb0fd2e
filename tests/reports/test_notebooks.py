"""The notebooks run against the demo release's published Parquet and compute what they say they compute."""
import runpy
from pathlib import Path

import pandas as pd
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def run_notebook(name, published, monkeypatch):
    monkeypatch.setenv("ISOC_PUBLISHED", str(published))
    return runpy.run_path(str(NOTEBOOKS / name), run_name="__main__")


@pytest.mark.e2e
def test_notebooks_read_only_published_parquet():
    for path in NOTEBOOKS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "duckdb" not in text and "from pipelines" not in text and "import pipelines" not in text, path


@pytest.mark.e2e
def test_gender_digital_divide_notebook(demo_release, monkeypatch):
    _, warehouse, release = demo_release
    published = warehouse / "published" / release
    ns = run_notebook("gender_digital_divide.py", published, monkeypatch)
    divide, gap = ns["divide"], ns["gap"]
    assert len(divide) > 50
    assert (divide["internet_gender_parity"] - divide["internet_users_female_pct"]
            / divide["internet_users_male_pct"]).abs().max() < 1e-9
    assert ns["band"](1.0) == "parity" and ns["band"](0.96) == "almost (0.95-0.98)" and ns["band"](0.9) == "favours men"
    profiles = pd.read_parquet(published / "country_profiles.parquet")
    one = gap.index[0]
    years = profiles[(profiles["ref_area"] == one) & profiles["internet_users_female_pct"].notna()
                     & profiles["internet_users_male_pct"].notna()]["time_period"]
    assert gap.loc[one, "time_period"] == years.max()
    parity = pd.read_parquet(published / "gender_parity.parquet").set_index(["ref_area", "time_period", "series",
                                                                               "age", "urbanisation"])
    assert gap.loc[one, "gap_persons"] == parity.loc[(one, years.max(), "IT_USE_ii99", "_T", "_T"), "gap_persons"]
    world = ns["by_region"].set_index("ref_area").loc["WLD"]
    assert world["parity_score"] == pytest.approx(world["female"] / world["male"])


@pytest.mark.e2e
def test_affordability_notebook(demo_release, monkeypatch):
    _, warehouse, release = demo_release
    published = warehouse / "published" / release
    target = run_notebook("affordability.py", published, monkeypatch)["target"]
    medians = pd.read_parquet(published / "price_basket_medians.parquet")
    row = target.loc[("Fixed broadband 5 GB", "LIC")]
    same = medians[(medians["group_code"] == "WB_LIC") & (medians["basket"] == "i154_FBB5")
                   & (medians["method"] == "reported") & (medians["time_period"] == row["time_period"])].iloc[0]
    assert (row["economies"], row["median_pct_gni"], row["share_meeting_target"]) == (
        same["economies"], same["median_pct_gni"], same["share_meeting_target"])
