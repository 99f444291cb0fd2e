"""methodology_parameters: every methodology value of the configuration files, with its status and source.

Built from the files themselves, not from a list: each YAML file under the indicators folder (specs, IDI editions,
basket rules, SDMX settings) and under pipelines/ (staging rules, the microdata config), read through
schemas.methodology, so a value added in the one form is published, and one that loses its status or source stops
the build naming file and key.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipelines.core.paths import REPO_ROOT
from schemas.methodology import parameters
from schemas.yaml_files import read_yaml

COLUMNS = ["family", "file", "parameter", "value", "status", "source"]


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def file_rows(path: Path, base: Path) -> list[dict]:
    """One row per parameter of a configuration file; `file` is relative to `base`, `family` its first folder below
    the top one (indicators/idi/editions/2017.yaml: idi)."""
    name = path.relative_to(base)
    found = parameters(read_yaml(path) or {}, str(name))
    return [{"family": name.parts[1], "file": name.as_posix(), "parameter": key, "value": _text(p.value),
             "status": p.status, "source": p.source} for key, p in found.items()]


def configuration_files(root: Path) -> list[tuple[Path, Path]]:
    """(file, the folder its published name is relative to): every YAML under the indicators folder `root` and under
    pipelines/ (the staging rules, the microdata config)."""
    return [(p, folder.parent) for folder in (root, REPO_ROOT / "pipelines") for p in sorted(folder.rglob("*.yaml"))]


def compute(con, params: dict) -> pd.DataFrame:
    rows = [row for path, base in configuration_files(Path(params["indicators_root"])) for row in file_rows(path, base)]
    return pd.DataFrame(rows, columns=COLUMNS)
