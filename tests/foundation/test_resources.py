"""Resources are configured, and their environment defaults are read when a run uses them, not at import."""
from pipelines.core.paths import REPO_ROOT
from pipelines.resources import IsocPaths


def test_paths_are_configured_or_read_from_the_environment_when_used(monkeypatch, tmp_path):
    unset = IsocPaths()
    monkeypatch.setenv("ISOC_RAW_ROOT", str(tmp_path / "raw"))
    monkeypatch.delenv("ISOC_WAREHOUSE", raising=False)
    assert unset.raw == tmp_path / "raw"                       # set after the resource was made: still seen
    assert unset.published == REPO_ROOT / "warehouse" / "published"
    configured = IsocPaths(raw_root=str(tmp_path / "r"), warehouse_dir=str(tmp_path / "w"))
    assert (configured.raw, configured.published) == (tmp_path / "r", tmp_path / "w" / "published")
