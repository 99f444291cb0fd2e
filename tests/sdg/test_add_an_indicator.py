"""Adding an indicator is adding one YAML and one SQL file: no list to edit. A throwaway SDG indicator (99.9.9, the
demo's households with Internet access under a made-up code) is added to a copy of indicators/ and reaches the
published sdg_indicators table under its contract, datapackage.json and the indicator catalogue."""
import json
import shutil

import pandas as pd
import pytest

from indicators.loader import load_specs
from pipelines.core import release_tables, warehouse
from pipelines.dagster_assets.publish import publish_release, release_contracts
from pipelines.resources import IsocPaths
from support import REPO

SPEC = """kind: indicator
table: sdg_99_9_9
title: Households with Internet access at home (throwaway indicator 99.9.9)
engine: sql
sql: sdg_99_9_9.sql
depends_on: [observations]
metadata:
  code: "99.9.9"
  unit: PERCENT
  custodian: ITU
  definition: Households with Internet access at home, as a share of all households
sdg:
  series: [XX_HH_INET]
catalog:
  kind: sdg_indicator
  title: Households with Internet access at home
  definition: Throwaway indicator of the add-an-indicator test
  source_type: household_survey
  wsis_action_line: C2
  published_in: sdg_indicators
"""
SQL = """SELECT '99.9.9' AS indicator, 'XX_HH_INET' AS series, o.ref_area, o.time_period, o.sex, o.age, o.urbanisation,
       '_T' AS composite_breakdown, o.obs_value, 'PERCENT' AS unit_measure, o.nature, o.source, o.note AS comment,
       'households_with_internet' AS definition, false AS series_break, o.file || ':' || o.line AS provenance
FROM observations o
WHERE o.series = 'HH_INET_PCT'
"""


@pytest.mark.e2e
def test_one_yaml_and_one_sql_publish_a_new_sdg_indicator(demo_release, tmp_path):
    raw_root, wh, release = demo_release
    root = tmp_path / "indicators"
    shutil.copytree(REPO / "indicators", root, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "sdg" / "sdg_99_9_9.yaml").write_text(SPEC, encoding="utf-8")
    (root / "sdg" / "sdg_99_9_9.sql").write_text(SQL, encoding="utf-8")
    copy = tmp_path / "warehouse"
    shutil.copytree(wh / "duckdb", copy / "duckdb")

    specs = {s.table: s for s in load_specs(root)}
    assert "sdg_99_9_9" in specs["sdg_indicators"].depends_on   # $sdg_tables now names it
    with warehouse.connect(copy, release) as con:
        for table in ("sdg_99_9_9", "sdg_indicators", "indicator_catalog"):   # what the new spec changes
            specs[table].run(con, release)
        expected = con.execute("SELECT count(*) FROM observations o JOIN economies e ON e.iso3 = o.ref_area "
                           "WHERE o.series = 'HH_INET_PCT'").fetchone()[0]
    target, _ = publish_release(IsocPaths(raw_root=str(raw_root), warehouse_dir=str(copy)), release, root)

    out = tmp_path / "warehouse" / "published" / release
    sdg = pd.read_parquet(out / "sdg_indicators.parquet")
    new = sdg[sdg["indicator"] == "99.9.9"]
    assert expected > 1000 and len(new) == expected        # 3683 demo values of 247 economies
    assert set(new["series"]) == {"XX_HH_INET"} and set(new["area_type"]) == {"economy"}
    assert set(new["release"]) == {release} and new["provenance"].str.contains(":").all()
    assert len(sdg) - len(new) == len(pd.read_parquet(wh / "published" / release / "sdg_indicators.parquet"))

    package = json.loads((out / "datapackage.json").read_text())
    entry = next(m for m in package["indicators"] if m["table"] == "sdg_99_9_9")
    assert (entry["code"], entry["family"], entry["spec"]) == ("99.9.9", "sdg", "indicators/sdg/sdg_99_9_9.yaml")
    resource = next(r for r in package["resources"] if r["name"] == "sdg_indicators")
    assert resource["rows"] == len(sdg)

    catalog = pd.read_parquet(out / "indicator_catalog.parquet").set_index("code")
    row = catalog.loc["99.9.9"]
    assert (row["kind"], row["title"], row["unit"], row["sdg_goal"], row["sdg_series"], row["published_in"]) == \
        ("sdg_indicator", "Households with Internet access at home", "PERCENT", "99", "XX_HH_INET", "sdg_indicators")

    # The contract's codelist comes from the specs: the repository's own specs do not know 99.9.9.
    with pytest.raises(release_tables.ContractError, match="sdg_indicators"):
        release_tables.validated(release_contracts()["sdg_indicators"], sdg)

