"""Report outputs of the demo release (profile site, workbook, charts) and their golden parts on the tiny world."""
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from support import tiny_world
from indicators.profiles import build
from pipelines.cli import main
from pipelines.reports import charts, site, svg

REPO = Path(__file__).resolve().parents[2]


class Outline(HTMLParser):
    """Headings, table header scopes, SVG accessibility and external references of one page."""

    def __init__(self):
        super().__init__()
        self.headings, self.scopes, self.svgs, self.external, self.lang = [], [], [], [], None
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3"):
            self._in = tag
        if tag == "th":
            self.scopes.append(attrs.get("scope"))
        if tag == "svg":
            self.svgs.append(attrs)
        for name in ("src", "href"):
            if attrs.get(name, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[name])
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)

    def handle_data(self, data):
        if self._in:
            self.headings.append((self._in, data.strip()))
            self._in = None


def outline(path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def contrast(hex_colour: str, background: str = "#ffffff") -> float:
    def luminance(h):
        channels = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted([luminance(hex_colour), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_and_chart_colours_meet_wcag_aa_contrast():
    assert contrast("#000000") == pytest.approx(21)
    text = re.findall(r"(?:^|[;{])color:(#[0-9a-fA-F]{6})", site.CSS) + [svg.TEXT] + [c for c, _ in svg.STYLES]
    assert len(text) >= 5 and all(contrast(c) >= 4.5 for c in text), [(c, contrast(c)) for c in text]
    assert contrast(svg.GRID) >= 3     # non-text graphics: 3:1


@pytest.fixture(scope="module")
def tiny_profiles():
    profiles = build.country_profiles(tiny_world.database(), {})
    return profiles, build.latest_profiles(profiles)


def test_chart_group_values_and_affordability_medians_by_income_group(tiny_profiles):
    profiles, latest = tiny_profiles
    values = charts.group_values(profiles, ["internet_users_pct"])
    assert values.loc[("Africa", 2023), "internet_users_pct"] == pytest.approx(40)
    assert values.loc[("World", 2023), "internet_users_pct"] == pytest.approx(70)
    assert values.loc[("Africa", 2024), "internet_users_pct"] == pytest.approx(42.5)   # BBB filled with its 2023 50
    medians = pd.DataFrame({"group_code": ["WB_LIC", "WB_LMC", "WB_UMC", "WB_HIC", "WB_LIC"],
                            "time_period": [2023, 2023, 2023, 2023, 2024], "basket": "i154_FBB5",
                            "method": "reported", "median_pct_gni": [1.5, 3.0, 2.0, 0.5, 1.4]})
    chart = charts.affordability(medians)   # 2024 lacks three income groups: 2023 is shown, as published
    assert chart.year == 2023 and chart.source == "price_basket_medians"
    assert chart.data["Fixed broadband 5 GB"].to_dict() == {"Low income": 1.5, "Lower-middle income": 3.0,
                                                            "Upper-middle income": 2.0, "High income": 0.5}


def test_profile_values_are_formatted_and_missing_ones_say_no_data():
    items = {it.item: it for it in build.items()}
    assert site.fmt(45.6069, items["fixed_bb_p100"]) == "45.61"
    assert site.fmt(84000000.0, items["population"]) == "84,000,000"
    assert site.fmt(float("nan"), items["cov_5g_pct"]) == "no data"
    assert site.fmt(True, items["fbb_meets_2pct"]) == "yes"


@pytest.fixture(scope="module")
def demo_reports(demo_release):
    _, warehouse, release = demo_release
    published = warehouse / "published" / release
    return warehouse / "reports" / release, pd.read_parquet(published / "country_profiles_latest.parquet")


@pytest.mark.e2e
def test_profile_site_has_an_accessible_page_per_economy(demo_reports):
    out, latest = demo_reports
    pages = sorted(p.stem for p in (out / "profiles").glob("*.html"))
    assert pages == sorted(["index", *latest["ref_area"]])
    index = outline(out / "profiles" / "index.html")
    assert index.headings[0][0] == "h1" and [h for t, h in index.headings if t == "h2"] == [
        "Africa", "Americas", "Arab States", "Asia and the Pacific", "CIS", "Europe",
        "Other economies (in no ITU region)"]
    for iso3 in ("DEU", "KEN"):
        page = outline(out / "profiles" / f"{iso3}.html")
        assert page.lang == "en" and not page.external
        assert [t for t, _ in page.headings].count("h1") == 1 and page.headings[0][0] == "h1"
        assert set(page.scopes) == {"col", "row"}
        assert page.svgs and all(s.get("role") == "img" and s.get("aria-labelledby") for s in page.svgs)


@pytest.mark.e2e
def test_profile_page_shows_the_latest_values_with_their_year(demo_reports):
    out, latest = demo_reports
    deu = latest.set_index("ref_area").loc["DEU"]
    html = (out / "profiles" / "DEU.html").read_text(encoding="utf-8")
    assert "<h1>Germany: ICT country profile</h1>" in html
    row = re.search(r"<th scope=\"row\">Fixed-broadband subscriptions per 100 inhabitants[^<]*</th>(.*?)</tr>", html)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert cells[:3] == [str(deu["fixed_bb_p100_year"]), f"{deu['fixed_bb_p100']:.2f}",
                         f"{deu['fixed_bb_p100_region']:.2f}"]
    assert html.count("<title id=") == 2 and "<desc id=\"internet-d\">Germany: " in html
    skills = re.search(r"ICT skills[^<]*</th>(.*?)</tr>", html).group(1)
    assert pd.isna(deu["ict_skill_pct"]) == ("no data" in skills)


@pytest.mark.e2e
def test_workbook_has_the_four_annex_tables_grouped_by_region(demo_reports):
    out, latest = demo_reports
    wb = openpyxl.load_workbook(out / "tables" / "statistical_tables.xlsx")
    assert wb.sheetnames == ["1 Key ICT indicators", "2 SDG ICT by sex", "3 Price baskets", "4 IDI"]
    ws = wb["1 Key ICT indicators"]
    assert ws["A1"].value.startswith("Table 1.") and ws["A4"].value is None and ws["C4"].value == "per 100 inhabitants"
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    economies = {r[1]: r for r in rows if r[1]}
    assert set(economies) == set(latest["ref_area"])
    assert [r[0] for r in rows if r[0] and not r[1] and not str(r[0]).startswith(("Source", "Per 100", "e after"))][:6] \
        == ["Africa", "Americas", "Arab States", "Asia and the Pacific", "CIS", "Europe"]
    header = [c.value for c in ws[3]]
    deu = latest.set_index("ref_area").loc["DEU"]
    column = header.index("Fixed-broadband subscriptions per 100 inhabitants")
    assert economies["DEU"][column] == round(deu["fixed_bb_p100"], 2)
    assert str(economies["DEU"][column + 1]).split()[0] == str(deu["fixed_bb_p100_year"])
    notes = [r[0] for r in rows if r[0] and str(r[0]).startswith("Source")]
    assert notes and "demo" in notes[0]


@pytest.mark.e2e
def test_charts_exist_as_png_and_svg_with_their_numbers(demo_reports):
    out, latest = demo_reports
    names = ["internet_use_by_region_and_sex", "gender_parity_by_region", "coverage_by_technology",
             "affordability_by_income_group"]
    for name in names:
        assert (out / "charts" / f"{name}.png").read_bytes()[:4] == b"\x89PNG"
        assert "<svg" in (out / "charts" / f"{name}.svg").read_text(encoding="utf-8")[:500]
    data = pd.read_csv(out / "charts" / "affordability_by_income_group.csv", index_col="group")
    medians = pd.read_parquet(out.parents[1] / "published" / out.name / "price_basket_medians.parquet")
    shown = medians[(medians["basket"] == "i154_FBB5") & (medians["method"] == "reported")
                    & (medians["time_period"] == data["year"].iloc[0])].set_index("group_code")["median_pct_gni"]
    assert data.loc["Low income", "Fixed broadband 5 GB"] == pytest.approx(shown["WB_LIC"], abs=1e-4)
    assert data.loc["High income", "Fixed broadband 5 GB"] == pytest.approx(shown["WB_HIC"], abs=1e-4)


@pytest.mark.e2e
def test_report_command_writes_to_the_folder_it_names(demo_release, tmp_path, capsys):
    _, warehouse, release = demo_release
    assert main(["report", "tables", "--release", release, "--warehouse", str(warehouse), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "tables" / "statistical_tables.xlsx").is_file()
    assert "tables: 1 files" in capsys.readouterr().out
    assert main(["report", "charts", "--release", "nope", "--warehouse", str(warehouse)]) == 2


@pytest.mark.e2e
def test_readme_dashboard_query_runs_on_the_published_profiles(demo_release):
    import duckdb

    _, warehouse, release = demo_release
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Reading the outputs"):]
    sql = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    path = warehouse / "published" / release / "country_profiles_latest.parquet"
    sql = sql.replace("warehouse/published/latest/country_profiles_latest.parquet", path.as_posix())
    got = duckdb.sql(sql).df()
    latest = pd.read_parquet(path)
    expected = latest[(latest["itu_region"] == "ITU_AFR") & (latest["cov_4g_pct"] > 90)
                      & (latest["internet_users_pct"] < 50)]
    assert sorted(got["name"]) == sorted(expected["name"]) and len(got) >= 1


def test_charts_take_region_values_from_the_sdg_aggregates_when_published():
    def sdg_row(area, series, sex, value, area_type="aggregate", breakdown="_T"):
        return {"ref_area": area, "area_type": area_type, "series": series, "sex": sex, "age": "_T",
                "urbanisation": "_T", "composite_breakdown": breakdown, "time_period": 2024, "obs_value": value}
    sdg = pd.DataFrame([sdg_row("ITU_AFR", "IT_USE_ii99", "F", 32.0), sdg_row("ITU_AFR", "IT_USE_ii99", "M", 40.0),
                        sdg_row("WLD", "IT_USE_ii99", "F", 65.0), sdg_row("WLD", "IT_USE_ii99", "M", 70.0),
                        sdg_row("WLD", "IT_MOB_4GNTWK", "_T", 92.0), sdg_row("LDC", "IT_MOB_4GNTWK", "_T", 50.0),
                        sdg_row("KEN", "IT_USE_ii99", "F", 1.0, area_type="economy")])
    values = charts.sdg_group_values(sdg)
    assert values.loc[("Africa", 2024), "internet_gender_parity"] == pytest.approx(0.8)
    assert values.loc[("World", 2024), "cov_4g_pct"] == 92.0
    assert set(values.index.get_level_values("group")) == {"Africa", "World"}


def test_a_chart_falls_back_to_profile_comparators_when_the_sdg_aggregates_lack_its_series(tiny_profiles):
    profiles, _ = tiny_profiles
    sdg = pd.DataFrame([{"ref_area": "WLD", "area_type": "aggregate", "series": "IT_MOB_4GNTWK", "sex": "_T",
                         "age": "_T", "urbanisation": "_T", "composite_breakdown": "_T", "time_period": 2023,
                         "obs_value": 92.0}])
    sources = [(charts.sdg_group_values(sdg), charts.SDG_SOURCE),
               (charts.group_values(profiles, list(charts.SDG_SERIES) + ["internet_gender_parity"]),
                charts.PROFILE_SOURCE)]
    coverage = charts._group_chart(sources, "c", "Coverage", {"cov_4g_pct": "4G"}, "%")
    assert (coverage.source, coverage.year, coverage.data.loc["World", "4G"]) == (charts.SDG_SOURCE, 2023, 92.0)
    use = charts._group_chart(sources, "u", "Use", {"internet_users_female_pct": "Women"}, "%")
    assert (use.source, use.year, use.data.loc["Africa", "Women"]) == (charts.PROFILE_SOURCE, 2023, 8.0)


@pytest.fixture()
def tiny_release(tiny_profiles, tmp_path):
    from pipelines.reports import PublishedRelease

    profiles, latest = tiny_profiles
    folder = tmp_path / "published" / "tiny"
    folder.mkdir(parents=True)
    profiles.to_parquet(folder / "country_profiles.parquet")
    latest.to_parquet(folder / "country_profiles_latest.parquet")
    (folder / "datapackage.json").write_text("{}")
    return PublishedRelease.open(tmp_path / "published", "tiny")


def test_estimates_are_marked_in_the_workbook_and_on_the_page(tiny_release, tmp_path):
    from pipelines.reports import workbook

    path = workbook.write_workbook(tiny_release, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)["1 Key ICT indicators"]
    header = [c.value for c in ws[3]]
    column = header.index("Individuals using the Internet") + 1
    aaa = next(r for r in ws.iter_rows(min_row=5) if r[1].value == "AAA")
    bbb = next(r for r in ws.iter_rows(min_row=5) if r[1].value == "BBB")
    assert (aaa[column - 1].value, aaa[column].value, aaa[column - 1].font.i) == (20, "2024 e", True)
    assert (bbb[column - 1].value, bbb[column].value, bbb[column - 1].font.i) == (50, 2023, False)
    assert any(str(r[0].value).startswith("e after the year") for r in ws.iter_rows(min_row=5))
    idi = openpyxl.load_workbook(path)["4 IDI"]
    assert idi["A2"].value == "No data: release tiny publishes no IDI table."
    pages = site.write_site(tiny_release, tmp_path / "site")
    assert sorted(p.name for p in pages) == ["AAA.html", "BBB.html", "CCC.html", "index.html"]
    html = (tmp_path / "site" / "AAA.html").read_text(encoding="utf-8")
    row = re.search(r"Individuals using the Internet \(% of population\)</th>(.*?)</tr>", html).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row) == ["2024", "20.00", "42.50", "71.00", "estimate"]
    assert "No data: this release publishes no ICT Development Index" in html


def test_histories_keep_each_economys_years_with_a_value_in_profile_order():
    nan = float("nan")
    profiles = pd.DataFrame({"ref_area": ["KEN", "KEN", "KEN", "UGA"], "time_period": [2021, 2019, 2020, 2020],
                             "internet_users_pct": [30.5, 20.0, nan, 10.0],
                             "internet_users_pct_region": [nan, 25.0, 26.0, 26.0],
                             "internet_users_pct_world": [60.0, 55.0, 57.5, 57.5]})
    got = site.histories(profiles)
    assert got["KEN"] == {"internet_users_pct": {2021: 30.5, 2019: 20.0},
                          "internet_users_pct_region": {2019: 25.0, 2020: 26.0},
                          "internet_users_pct_world": {2021: 60.0, 2019: 55.0, 2020: 57.5}}
    assert list(got["KEN"]["internet_users_pct"]) == [2021, 2019]   # the profiles' order, as the chart draws them
    assert got["UGA"] == {"internet_users_pct": {2020: 10.0}, "internet_users_pct_region": {2020: 26.0},
                          "internet_users_pct_world": {2020: 57.5}}


@pytest.mark.e2e
def test_the_workbook_is_the_same_bytes_whenever_it_is_written(demo_release, tmp_path):
    """The workbook's properties and zip entries carry a fixed time, not the moment it was written."""
    import zipfile

    from pipelines.reports.workbook import FIXED_TIME

    _, warehouse, release = demo_release
    written = []
    for n in range(2):
        assert main(["report", "tables", "--release", release, "--warehouse", str(warehouse),
                     "--out", str(tmp_path / str(n))]) == 0
        written.append((tmp_path / str(n) / "tables" / "statistical_tables.xlsx").read_bytes())
    assert written[0] == written[1]
    archive = zipfile.ZipFile(tmp_path / "0" / "tables" / "statistical_tables.xlsx")
    assert {info.date_time for info in archive.infolist()} == {FIXED_TIME.timetuple()[:6]}
    properties = openpyxl.load_workbook(tmp_path / "0" / "tables" / "statistical_tables.xlsx").properties
    assert properties.created == properties.modified == FIXED_TIME
