"""schemas.yaml_files: the fast reader builds exactly what yaml.safe_load builds, on every configuration file."""
import pytest
import yaml
from support import REPO

from schemas.yaml_files import read_yaml

CONFIG_FILES = sorted(p for folder in ("indicators", "pipelines", "schemas") for p in (REPO / folder).rglob("*.yaml"))


def test_every_configuration_file_is_found():
    # the indicator specs alone are dozens of files: an empty list would make the next test vacuous
    assert len(CONFIG_FILES) >= 30


@pytest.mark.parametrize("path", CONFIG_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_reader_builds_what_the_safe_loader_builds(path):
    assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_an_empty_file_is_none_and_unsafe_tags_are_refused(tmp_path):
    empty, unsafe = tmp_path / "empty.yaml", tmp_path / "unsafe.yaml"
    empty.write_text("", encoding="utf-8")
    unsafe.write_text("!!python/object/apply:os.system ['true']\n", encoding="utf-8")
    assert read_yaml(empty) is None
    with pytest.raises(yaml.constructor.ConstructorError):
        read_yaml(unsafe)
