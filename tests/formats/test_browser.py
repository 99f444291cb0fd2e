"""A real browser (headless Chromium) on what people look at: a country profile page and the profile index of the
demo release, and the Dagster UI's asset graph and a finished run page. Screenshots are kept under
<warehouse>/reports/<release>/screenshots/ for people to look at; the assertions read the text the page shows."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from support.release_fixtures import browse, sdmx_release  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parents[2]


def screenshots(warehouse: Path, release: str) -> Path:
    return warehouse / "reports" / release / "screenshots"


def is_screenshot(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


@pytest.mark.e2e
def test_a_country_profile_shows_its_latest_value_and_year(demo_release, browse):
    _, warehouse, release = demo_release
    deu = pd.read_parquet(warehouse / "published" / release / "country_profiles_latest.parquet") \
        .set_index("ref_area").loc["DEU"]
    shot = screenshots(warehouse, release) / "profile_DEU.png"
    text = browse((warehouse / "reports" / release / "profiles" / "DEU.html").as_uri(), shot)
    assert "Germany: ICT country profile" in text
    row = re.search(r"Fixed-broadband subscriptions per 100 inhabitants \(per 100 inhabitants\) (\d{4}) ([\d.]+)", text)
    assert row, text[:2000]
    assert (int(row.group(1)), row.group(2)) == (int(deu["fixed_bb_p100_year"]), f"{deu['fixed_bb_p100']:.2f}")
    assert is_screenshot(shot)


@pytest.mark.e2e
def test_the_profile_index_lists_the_regions_and_their_economies(demo_release, browse):
    _, warehouse, release = demo_release
    shot = screenshots(warehouse, release) / "profile_index.png"
    text = browse((warehouse / "reports" / release / "profiles" / "index.html").as_uri(), shot)
    regions = ["Africa", "Americas", "Arab States", "Asia and the Pacific", "CIS", "Europe"]
    positions = [text.find(r) for r in regions]
    assert -1 not in positions and positions == sorted(positions), text[:2000]
    assert "Germany" in text[positions[-1]:] and "Kenya" in text[positions[0]:positions[1]]
    assert is_screenshot(shot)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dagster_ui(sdmx_release):
    """dagster-webserver on 127.0.0.1 over the SDMX release's instance; ready within 180 s or the test fails;
    stopped (by its own process id) afterwards."""
    _, _, _, home, _ = sdmx_release
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).with_name("dagster-webserver")), "-h", "127.0.0.1", "-p",
                               str(port), "-m", "pipelines.definitions"], cwd=REPO,
                              env={**os.environ, "DAGSTER_HOME": str(home)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/server_info", timeout=5) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"dagster-webserver did not start: {server.stderr.read()[-2000:] if server.poll() else ''}")
            time.sleep(1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.mark.e2e
def test_the_dagster_ui_shows_the_asset_graph(sdmx_release, dagster_ui, browse):
    _, warehouse, release, _, _ = sdmx_release
    shot = screenshots(warehouse, release) / "dagster_asset_graph.png"
    text = browse(f"{dagster_ui}/asset-groups", shot)
    assert "Global asset lineage" in text
    for group in ("ingest", "stage", "sdg", "aggregates", "idi", "wsis", "publish", "report"):   # one per family
        assert re.search(rf"\b{group}\b", text), (group, text[:1500])
    assert is_screenshot(shot)


@pytest.mark.e2e
def test_the_dagster_ui_shows_the_finished_run(sdmx_release, dagster_ui, browse):
    _, warehouse, release, _, run_id = sdmx_release
    shot = screenshots(warehouse, release) / "dagster_run.png"
    text = browse(f"{dagster_ui}/runs/{run_id}", shot)
    assert "Run of release_job" in text and f"partition: {release}" in text, text[:1500]
    assert re.search(r"\bSuccess\b", text) and run_id[:8] in text
    assert re.search(r"Errored \(0\)", text) and re.search(r"Succeeded \(\d+\)", text)
    assert is_screenshot(shot)
