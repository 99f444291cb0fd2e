"""The demo release generator: deterministic, complete, internally consistent, labelled, with its deliberate errors.

The last tests run the real adapters over the generated files; a format whose adapter does not exist yet is skipped
with its name.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipelines.demo import DELIBERATE_ERRORS, LABEL, generate_demo_release
from pipelines.demo.world import UNINHABITED
from schemas import reference as ref

pytestmark = pytest.mark.slow   # every test reads the whole generated demo release (its files, not a run)
YEARS = set(range(2000, 2025))
EXPECTED_FORMAT = {   # path prefix inside the release -> adapter format that must recognise the file
    "itu_datahub/": "itu_datahub_csv",
    "world_bank/API_": "wdi_wide_csv",
    "world_bank/population.csv": "population_long_csv",
    "un_sdg/": "un_sdg_api_csv",
    "unsd_gender/": "un_gender_portal_tsv",
    "itu/itu_fts_mts_iu": "itu_legacy_names_csv",
    "owid/": "owid_grapher_csv",
    "itu/tariff_plans": "tariff_plans_csv",
}
NOT_INGESTED = ("README.md",)
UNLABELLED_LAYOUTS = ("world_bank/population.csv", "itu/itu_fts_mts_iu_2000_2015_demo.csv",
                      "owid/share-of-individuals-using-the-internet.csv")   # no note column: README.md is their label


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo_raw")
    generate_demo_release(root)
    return root / "demo"


def relative(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def read_rows(path: Path) -> list[dict]:
    """The data rows of any generated file as dicts of strings (WDI preamble skipped, TSV by extension)."""
    text = path.read_bytes().decode("utf-8-sig")
    if path.name.startswith("API_"):
        text = "\n".join(text.splitlines()[4:])
    return list(csv.DictReader(io.StringIO(text), delimiter="\t" if path.suffix == ".tsv" else ","))


def datahub(demo: Path) -> pd.DataFrame:
    frames = [pd.read_csv(p, encoding="utf-8-sig", dtype=str, keep_default_na=False)
              for p in sorted((demo / "itu_datahub").glob("*.csv"))]
    return pd.concat(frames, ignore_index=True)


def population(demo: Path) -> pd.DataFrame:
    return pd.read_csv(demo / "world_bank" / "population.csv", dtype=str, keep_default_na=False)


def clean(df: pd.DataFrame) -> pd.DataFrame:
    """Rows not written by a deliberate error (recognised by its changed values and the key it kept)."""
    keep = pd.Series(True, index=df.index)
    for error in DELIBERATE_ERRORS:
        if set(error.change) <= set(df.columns):
            written = {c: v for c, v in {**error.match, **error.change}.items() if c in df.columns}
            keep &= ~pd.concat([df[c] == v for c, v in written.items()], axis=1).all(axis=1)
    return df[keep]


def wide(df: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    part = clean(df[df["seriesCode"].isin(codes)])
    part = part.assign(value=part["dataValue"].astype(float), year=part["dataYear"].astype(int))
    return part.pivot_table(index=["entityIso", "year"], columns="seriesCode", values="value", aggfunc="first")


def test_same_seed_writes_byte_identical_files_and_a_new_seed_does_not(demo, tmp_path):
    again = tmp_path / "again"
    paths = generate_demo_release(again)
    first, second = relative(demo), relative(again / "demo")
    assert sorted(paths) == paths and set(paths) == set(second.values())
    assert first.keys() == second.keys()
    assert [k for k in first if first[k].read_bytes() != second[k].read_bytes()] == []
    other = relative(generate_demo_release(tmp_path / "other", seed=7)[0].parent)
    assert other["README.md"].read_bytes() != first["README.md"].read_bytes()


def test_writes_files_only_no_manifest_and_stays_small(demo):
    files = relative(demo)
    assert "manifest.json" not in files
    assert {"itu_datahub", "world_bank", "un_sdg", "unsd_gender", "itu", "owid"} <= {k.split("/")[0] for k in files}
    assert sum(p.stat().st_size for p in files.values()) < 16_000_000


def test_every_file_is_labelled_as_demo(demo):
    readme = (demo / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {LABEL}")
    for name, path in relative(demo).items():
        text = path.read_bytes().decode("utf-8-sig")
        if name in UNLABELLED_LAYOUTS:
            assert name in readme
        else:
            assert LABEL in text or "DEMO (generated)" in text or "(DEMO)" in text, name


def test_every_itu_economy_is_in_datahub_and_population_for_every_year(demo):
    economies = ref.economies()
    expected = set(economies.loc[economies["itu_region"] != "", "iso3"]) - set(UNINHABITED)
    hub = datahub(demo)
    pop = clean(population(demo))
    for frame, code, year in ((hub, "entityIso", "dataYear"), (pop, "Country Code", "Year")):
        years = frame.groupby(code)[year].agg(lambda s: set(s.astype(int)))
        missing = {iso3: sorted(YEARS - years.get(iso3, set())) for iso3 in expected}
        assert {iso3: gap for iso3, gap in missing.items() if gap} == {}


def test_per_100_series_match_counts_and_population(demo):
    hub = datahub(demo)
    pop = clean(population(demo))
    inhabitants = {(c, int(y)): float(v) for c, y, v in zip(pop["Country Code"], pop["Year"], pop["Value"])}
    for count, per_100 in (("i4213tfbb", "i992b"), ("i271mw", "i911mw"), ("i271", "i911")):
        both = wide(hub, [count, per_100]).dropna()
        assert len(both) > 1000
        denominators = np.array([inhabitants[k] for k in both.index])
        expected = both[count] / denominators * 100
        assert np.allclose(both[per_100], expected, rtol=1e-4, atol=1e-4), (count, per_100)


def test_coverage_never_higher_for_a_newer_technology(demo):
    cov = wide(datahub(demo), ["i271pop", "i271G", "i271GA", "i271G5_pop"])
    order = ["i271pop", "i271G", "i271GA", "i271G5_pop"]
    for older, newer in zip(order, order[1:]):
        pair = cov[[older, newer]].dropna()
        assert len(pair) and (pair[newer] <= pair[older]).all(), (older, newer)
    assert cov["i271G5_pop"].dropna().index.get_level_values("year").min() >= 2019
    assert ((cov[order] >= 0) & (cov[order] <= 100) | cov[order].isna()).all().all()


def test_female_plus_male_population_is_the_total(demo):
    pop = clean(population(demo))
    total = {(r["Country Code"], r["Year"]): int(r["Value"]) for _, r in pop.iterrows()}
    sexes = [read_rows(demo / "world_bank" / f"API_SP.POP.TOTL.{s}.IN_DS2_en_csv_v2_demo.csv") for s in ("FE", "MA")]
    checked = 0
    for female, male in zip(*sexes):
        assert female["Country Code"] == male["Country Code"]
        for year in map(str, sorted(YEARS)):
            assert int(female[year]) + int(male[year]) == total[(female["Country Code"], year)]
            checked += 1
    assert checked > 6000


def test_values_are_plausible_by_income_group(demo):
    income = ref.economies().set_index("iso3")["wb_income_group"]
    hub = datahub(demo)
    latest = hub[hub["dataYear"] == "2024"].assign(group=lambda d: d["entityIso"].map(income),
                                                  value=lambda d: pd.to_numeric(d["dataValue"], errors="coerce"))
    median = latest.groupby(["seriesCode", "group"])["value"].median()
    assert median["i99H", "HIC"] > 85 and median["i99H", "LIC"] < 50
    assert median["i154_FBB5_GNI", "HIC"] < 2 and median["i154_FBB5_GNI", "LIC"] > 10
    usd = latest.loc[latest["seriesCode"] == "i154_FBB5$", "value"]
    assert usd.between(5, 80).all()
    sdg = pd.read_csv(demo / "un_sdg" / "sdg_IT_USE_ii99_1781_demo.csv", dtype=str, keep_default_na=False)
    by_sex = sdg.pivot_table(index=["GeoAreaCode", "TimePeriod"], columns="Sex", values="Value",
                             aggfunc=lambda v: float(v.iloc[0]))
    group = by_sex.index.get_level_values(0).astype(int).map(ref.m49_to_iso3()).map(income)
    parity = (by_sex["FEMALE"] / by_sex["MALE"]).groupby(group).median()
    assert 0.6 < parity["LIC"] < 0.9 and parity["HIC"] > 0.95


def test_tariff_plans_cover_every_economy_and_year(demo):
    plans = pd.read_csv(demo / "itu" / "tariff_plans_demo.csv", dtype=str, keep_default_na=False)
    assert list(plans.columns) == ["ref_area", "year", "operator", "market_share", "plan", "plan_type", "currency",
                                   "monthly_fee", "validity_days", "data_gb", "minutes", "sms", "price_per_extra_mb",
                                   "price_per_extra_min", "price_per_sms", "speed_mbps", "taxes_included",
                                   "promotional"]
    in_demo = set(ref.economies()["iso3"]) - set(UNINHABITED)
    assert set(plans["ref_area"]) == in_demo
    assert set(plans["year"].astype(int)) == set(range(2015, 2026))   # 2025: ITU's 2025 baskets
    assert plans.groupby(["ref_area", "year"])["operator"].nunique().between(2, 3).all()
    assert set(plans["plan_type"]) == {"prepaid", "postpaid"}
    assert plans["currency"].str.fullmatch(r"[A-Z]{3}").all() and (plans["monthly_fee"].astype(float) > 0).all()
    assert (plans["speed_mbps"] != "").any() and (plans["speed_mbps"] == "").any()   # fixed and mobile plans


@pytest.mark.parametrize("error", DELIBERATE_ERRORS, ids=lambda e: f"{e.rule}:{e.file.split('/')[-1]}")
def test_each_deliberate_error_is_in_its_file(demo, error):
    rows = read_rows(demo / error.file)
    assert [r for r in rows if all(r.get(k) == v for k, v in error.change.items())], error.what
    assert error.file in (demo / "README.md").read_text(encoding="utf-8")


def expected_format(name: str) -> str:
    return next(fmt for prefix, fmt in EXPECTED_FORMAT.items() if name.startswith(prefix))


def require_adapter(fmt: str) -> None:
    from pipelines.ingest import adapters

    if fmt not in adapters():
        pytest.skip(f"adapter for format {fmt!r} does not exist yet (pipelines/ingest)")


@pytest.fixture(scope="module")
def adapter_results(demo):
    """{file: (format, AdapterResult)} for every generated file whose adapter exists."""
    from pipelines.ingest import adapters, read_file

    out = {}
    for name, path in relative(demo).items():
        if name not in NOT_INGESTED and expected_format(name) in adapters():
            out[name] = (expected_format(name), read_file(path, expected_format(name), name))
    return out


def test_every_generated_input_is_detected_and_read(demo, adapter_results):
    from pipelines.ingest import detect_format

    missing = []
    for name, path in relative(demo).items():
        if name in NOT_INGESTED:
            continue
        fmt = expected_format(name)
        if name not in adapter_results:
            missing.append(fmt)
            continue
        assert detect_format(path) == fmt, name
        _, result = adapter_results[name]
        staged = result.tables["tariff_plans"] if fmt == "tariff_plans_csv" else result.observations   # plans: own table
        assert len(staged) > 0 and (result.quarantine["severity"] != "file_error").all(), name
    if missing:
        pytest.skip(f"adapters not written yet for: {', '.join(sorted(set(missing)))}")


@pytest.fixture(scope="module")
def staged_quarantine(adapter_results) -> pd.DataFrame:
    """Quarantine after staging every file that could be read (staged rules: ranges, signs, duplicates)."""
    from pipelines.core import manifest
    from pipelines.core.staging import collect, stage

    entries = [(manifest.Entry(name, "", 0, fmt, "", ""), result) for name, (fmt, result) in adapter_results.items()]
    return stage(collect(entries)).quarantine


@pytest.mark.parametrize("error", DELIBERATE_ERRORS, ids=lambda e: f"{e.rule}:{e.file.split('/')[-1]}")
def test_each_deliberate_error_is_quarantined_under_its_rule(staged_quarantine, error):
    require_adapter(expected_format(error.file))
    quarantine = staged_quarantine
    caught = quarantine[(quarantine["file"] == error.file) & (quarantine["rule"] == error.rule)]
    assert len(caught), f"{error.what} ({error.file}) was not quarantined under {error.rule}"
