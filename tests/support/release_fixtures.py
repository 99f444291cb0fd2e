"""Fixtures for the standard-format tests (imported by the test modules of this folder): a small release built from
SDMX-CSV files on a persistent Dagster instance (so its run can be opened in the Dagster UI), and headless Chromium."""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from support import snapshot

DATA360 = ["STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "REF_AREA", "INDICATOR", "SEX", "AGE", "URBANISATION",
           "UNIT_MEASURE", "COMP_BREAKDOWN_1", "COMP_BREAKDOWN_2", "COMP_BREAKDOWN_3", "TIME_PERIOD", "OBS_VALUE",
           "UNIT_MULT", "OBS_STATUS", "OBS_CONF"]
# (area, indicator, sex, age, urbanisation, unit, year, value): values as ITU DataHub publishes them via Data360
DATA360_ROWS = [("ZAF", "ITU_DH_POP_COV_4G", "_T", "_T", "_T", "PT_POP", "2023", "98.95"),
                ("ZAF", "ITU_DH_POP_COV_4G", "_T", "_T", "_T", "PT_POP", "2024", "99.41"),
                ("AGO", "ITU_DH_ACT_MOB_PER_100", "_T", "_T", "_T", "SB_10P2_HB", "2024", "25.1469"),
                ("AUT", "ITU_DH_INT_USR_DAY", "_T", "Y15T24", "_T", "PT_POP", "2024", "98.8613")]
ESTAT = ["DATAFLOW", "LAST UPDATE", "freq", "indic_is", "unit", "ind_type", "geo", "TIME_PERIOD", "OBS_VALUE",
         "OBS_FLAG", "CONF_STATUS"]
ESTAT_ROWS = [("AT", "IND_TOTAL", "2023", "94.41", ""), ("EL", "IND_TOTAL", "2023", "85.47", "b")]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def sdmx_release(tmp_path_factory):
    """A release of two SDMX-CSV files (Data360 ITU DataHub series, Eurostat isoc_ci_ifp_iu), run on a persistent
    instance: (raw_root, warehouse, release, dagster_home, run_id)."""
    import dagster as dg

    from pipelines.commands.run import materialize

    root = tmp_path_factory.mktemp("sdmx")
    files = root / "files"
    files.mkdir()
    data360 = [["datastructure", "WB.DATA360:DS_DATA360(1.2)", "I", "A", area, code, sex, age, urb, unit,
                "_Z", "_Z", "_Z", year, value, "0", "A", "PU"]
               for area, code, sex, age, urb, unit, year, value in DATA360_ROWS]
    estat = [["ESTAT:ISOC_CI_IFP_IU(1.0)", "16/12/24 23:00:00", "A", "I_IU3", "PC_IND", ind, geo, year, value, flag, ""]
             for geo, ind, year, value, flag in ESTAT_ROWS]
    paths = [write_csv(files / "ITU_DH_via_data360.csv", DATA360, data360),
             write_csv(files / "isoc_ci_ifp_iu.csv", ESTAT, estat)]
    raw_root, warehouse, release, home = root / "raw", root / "warehouse", "sdmx", root / "dagster"
    snapshot(raw_root, release, paths)
    home.mkdir()
    instance = dg.DagsterInstance.local_temp(tempdir=str(home))
    result = materialize(release, raw_root, warehouse, instance=instance, log_level="WARNING")
    assert result.success, "the SDMX release did not run to completion"
    return raw_root, warehouse, release, home, result.run_id


def chromium_binary() -> str:
    """Headless Chromium, installed by scripts/setup_browser.sh (called by scripts/test.sh). Absent, the browser
    tests fail with what to do, rather than skip silently; ISOC_SKIP_BROWSER=1 opts out explicitly."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("ISOC_SKIP_BROWSER") == "1":
        pytest.skip("ISOC_SKIP_BROWSER=1: browser tests skipped on request")
    pytest.fail("Chromium is not installed: run `bash scripts/setup_browser.sh` as root (Debian package chromium), "
                "or set ISOC_SKIP_BROWSER=1 to skip the browser tests")


def visible_text(dom: str) -> str:
    """The text a reader sees in a DOM dump: scripts and styles dropped, tags removed, spaces collapsed."""
    dom = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", dom, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", dom))).strip()


@pytest.fixture(scope="session")
def browse():
    """browse(url, screenshot) -> visible text: the page's DOM after scripts ran (a bounded virtual-time budget for
    single-page apps such as the Dagster UI), and a PNG screenshot of the same page."""
    binary = chromium_binary()

    def run(url: str, screenshot: Path, *, budget_ms: int = 20000, size: str = "1280,1600") -> str:
        flags = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--virtual-time-budget={budget_ms}", f"--window-size={size}"]
        dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=180)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([*flags, f"--screenshot={screenshot}", url], capture_output=True, timeout=180)
        assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"no screenshot of {url}: {dom.stderr[-500:]}"
        return visible_text(dom.stdout)
    return run
