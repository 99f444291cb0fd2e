"""The indicator catalogue covers every published series, indicator and table, with no blank SDG/WSIS link where
the methodology (series.csv SDG columns, WSIS targets.yaml) gives one."""
import re

import pandas as pd
import pytest

from indicators.catalog.build import build, read_mapping, registry_codes, spec_rows
from indicators.loader import derived_lists, load_specs
from indicators.wsis.catalogue import load_targets
from schemas.idi_editions import load_edition
from schemas.published import published_models
from support import REPO

SERIES = pd.read_csv(REPO / "pipelines" / "reference" / "series.csv", dtype=str, keep_default_na=False)
MAPPING = pd.concat([registry_codes(read_mapping(), derived_lists()), spec_rows(load_specs())], ignore_index=True)
TABLES = {t: (m.Config.metadata["title"], m.Config.metadata["description"]) for t, m in published_models().items()}
SDG_CODE = re.compile(r"^\d+\.[a-z0-9]+\.\d+$")


@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return build(MAPPING, SERIES[["series", "title", "description", "unit_measure", "sdg_indicator", "sdg_series"]],
                 TABLES, ["2017"]).set_index("code")


def test_every_series_has_exactly_one_row_and_its_text_comes_from_series_csv():
    rows = MAPPING[MAPPING["kind"] == "series"]
    missing = sorted(set(SERIES["series"]) - set(rows["code"]))
    assert not missing, f"series without a catalogue row in indicators/catalog/catalog.csv: {missing}"
    assert rows["code"].is_unique and set(rows["code"]) == set(SERIES["series"])
    assert (rows[["title", "definition", "unit", "sdg_indicator", "sdg_series"]] == "").all().all()


def test_every_published_table_is_catalogued(catalog):
    assert catalog.loc["TABLE:observations", "title"] == TABLES["observations"][0]
    assert "TABLE:sdg_indicators" not in catalog.index and "TABLE:wsis_targets" not in catalog.index
    assert catalog.loc["TABLE:revisions", "definition"] == TABLES["revisions"][1]   # generated: no row in the CSV
    missing = sorted(set(TABLES) - set(catalog["published_in"]))
    assert not missing, f"published tables with no catalogue row (add an indicator or a table row): {missing}"


def test_every_sdg_indicator_spec_has_a_row_from_its_spec():
    codes = {str(s.metadata.get("code")) for s in load_specs()}
    missing = sorted(c for c in codes if SDG_CODE.match(c) and c not in set(MAPPING["code"]))
    assert not missing, f"SDG indicators without a catalogue row: {missing}"
    rows = spec_rows(load_specs()).set_index("code")
    assert tuple(rows.loc["17.6.1", ["kind", "unit", "sdg_series", "published_in"]]) == \
        ("sdg_indicator", "PER_100_POP", "IT_NET_BBND; IT_NET_BBNDN", "sdg_indicators")
    assert not set(rows.index) & set(read_mapping()["code"]), "an SDG indicator is catalogued twice"


def test_sdg_links_are_never_blank_where_series_csv_gives_one(catalog):
    linked = SERIES[SERIES["sdg_indicator"] != ""]
    for r in linked.itertuples():
        row = catalog.loc[r.series]
        assert (row["sdg_indicator"], row["sdg_series"], row["sdg_link_status"]) == \
            (r.sdg_indicator, r.sdg_series, "confirmed"), r.series
    assert tuple(catalog.loc["INET_USERS_PCT", ["sdg_goal", "sdg_target", "sdg_indicator"]]) == ("17", "17.8", "17.8.1")
    assert tuple(catalog.loc["9.c.1", ["sdg_goal", "sdg_target", "wsis_target", "wsis_indicator"]]) == \
        ("9", "9.c", "1", "1.1")
    assert catalog.loc["SDG_AGGREGATES", "sdg_goal"] == "9; 17"


def test_the_aggregate_rows_take_their_sdg_codes_from_the_specs(catalog):
    # the codes catalog.csv spelled out by hand before they were derived from the specs' `sdg: aggregate`
    for code in ("AGGREGATES", "SDG_AGGREGATES"):
        assert read_mapping().set_index("code").loc[code, "sdg_indicator"] == "$aggregated_sdg_codes"
        assert catalog.loc[code, "sdg_indicator"] == "9.c.1; 17.6.1; 17.8.1"
    lists = derived_lists() | {"aggregated_sdg_codes": ["17.8.1", "4.4.1"]}
    assert registry_codes(read_mapping(), lists).set_index("code").loc["AGGREGATES", "sdg_indicator"] == \
        "4.4.1; 17.8.1"
    with pytest.raises(ValueError, match=r"catalog.csv: sdg_indicator names unknown registry list '\$aggregated_sdg_codes'"):
        registry_codes(read_mapping(), {})


def test_wsis_links_are_never_blank_where_the_targets_catalogue_gives_one(catalog):
    for t in load_targets():
        for ind in t["indicators"]:
            row = catalog.loc[f"WSIS-{ind['code']}"]
            assert (row["wsis_target"], row["wsis_indicator"], row["wsis_link_status"]) == \
                (str(t["target"]), ind["code"], ind["status"])
            assert row["wsis_action_line"] == t["action_line"] and row["action_line_status"] == "recalled"
            for series in ind.get("series") or []:
                assert str(t["target"]) in catalog.loc[series, "wsis_target"].split("; "), series
    assert (catalog.loc["INET_USERS_PCT", "wsis_target"], catalog.loc["INET_USERS_PCT", "wsis_indicator"]) == \
        ("10", "10.2")
    assert catalog.loc["WSIS-10.2", "sdg_indicator"] == "17.8.1"
    assert catalog.loc["WSIS-3.1", "published_in"] == "wsis_indicators"   # not measurable yet


def test_idi_components_and_rows(catalog):
    for ind in load_edition("2017").indicators:
        assert "IDI 2017" in catalog.loc[ind.series, "idi_component"], ind.series
    assert catalog.loc["IDI", "published_in"] == "idi" and catalog.loc["IDI", "wsis_action_line"] == "C2; C3; C4"


def test_every_row_is_described_and_unique(catalog):
    assert catalog.index.is_unique
    assert (catalog["title"] != "").all()
    assert (catalog.loc[catalog["kind"] != "table", "definition"] != "").all()
    assert (catalog["itu_d_objective"] == "").all()   # no ITU-D objective mapping is documented in the project


def test_unknown_series_in_the_mapping_is_an_error():
    bad = pd.concat([MAPPING, pd.DataFrame([{**{c: "" for c in MAPPING.columns}, "code": "NO_SUCH", "kind": "series"}])])
    with pytest.raises(ValueError, match="NO_SUCH"):
        build(bad, SERIES[["series", "title", "description", "unit_measure", "sdg_indicator", "sdg_series"]], TABLES,
              ["2017"])
