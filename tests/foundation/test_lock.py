"""Locked installs: scripts/setup.sh installs requirements.lock (hash-pinned), which covers pyproject.toml."""
import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]


def locked() -> dict[str, tuple[str, str | None]]:
    """{package: (version, environment marker)} from requirements.lock; each entry must carry hashes."""
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)(?: ; ([^\\\n]+))?((?:\s*\\\n\s+--hash=sha256:\w+)+)",
                         text, flags=re.M)
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9]", text, flags=re.M)), "an entry without hashes"
    return {canonicalize_name(name): (version, marker.strip() or None) for name, version, marker, _ in entries}


def test_the_lock_covers_every_dependency_of_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    lock = locked()
    stale = [str(r) for r in wanted if canonicalize_name(r.name) not in lock or not r.specifier.contains(
        lock[canonicalize_name(r.name)][0], prereleases=True)]
    assert not stale, f"requirements.lock is stale for {stale}: run `bash scripts/lock.sh`"


def test_the_environment_has_exactly_the_locked_versions():
    wrong = {}
    for name, (version, marker) in locked().items():
        if marker and not Marker(marker).evaluate():
            continue
        installed = importlib.metadata.version(name)
        if installed != version:
            wrong[name] = (installed, version)
    assert not wrong, f"installed != locked: {wrong}; run `bash scripts/setup.sh`"


def test_setup_installs_the_lock_with_hashes_and_nothing_unpinned():
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements.lock" in setup
    assert "--no-deps --no-build-isolation -e ." in setup      # the project itself, built with the locked setuptools
    assert "setuptools" in locked()
