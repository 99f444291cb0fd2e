"""`frictionless validate` (the real tool, with Parquet support) accepts the published datapackage.json."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.release_fixtures import sdmx_release  # noqa: F401  (fixture)

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def validate(package: Path, *options: str) -> dict:
    done = subprocess.run([str(FRICTIONLESS), "validate", "--json", *options, str(package)], capture_output=True,
                          text=True, timeout=1200)
    return json.loads(done.stdout)


def errors(report: dict) -> list[str]:
    found = [e["message"] for e in report.get("errors", [])]
    return found + [f"{t['name']}: {e['message']}" for t in report["tasks"] for e in t["errors"]]


@pytest.mark.e2e
def test_frictionless_validates_every_row_of_a_published_release(sdmx_release):
    _, warehouse, release, _, _ = sdmx_release
    package = warehouse / "published" / release / "datapackage.json"
    report = validate(package)
    assert report["valid"], errors(report)[:10]
    resources = json.loads(package.read_text())["resources"]
    assert sorted(t["name"] for t in report["tasks"]) == sorted(r["name"] for r in resources)
    observations = next(t for t in report["tasks"] if t["name"] == "observations")
    assert observations["stats"]["rows"] == 6 and observations["type"] == "table"


@pytest.mark.e2e
def test_frictionless_validates_the_demo_datapackage(demo_release):
    """The demo's 244,000 rows took Frictionless more than 15 minutes on the 2-core development machine, so the package metadata of
    every resource and its first 2,000 rows are validated here (whole tables where smaller)."""
    _, warehouse, release = demo_release
    report = validate(warehouse / "published" / release / "datapackage.json", "--limit-rows", "2000")
    assert report["valid"], errors(report)[:10]
    assert len(report["tasks"]) == len(json.loads((warehouse / "published" / release / "datapackage.json")
                                                   .read_text())["resources"])
