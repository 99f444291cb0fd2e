"""`isoc synth`: deterministic synthetic microdata in the documented schema, and scaled releases of demo vintages."""
import hashlib

import pandas as pd
import pytest

from pipelines.core import manifest
from pipelines.commands.synth import build_scaled_release
from pipelines.microdata import synthetic
from schemas.microdata import Respondent
from schemas.microdata_columns import COLUMNS
from schemas.validation import split_valid


def digest(paths) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_microdata_is_deterministic_and_valid(tmp_path):
    first = synthetic.write_world(tmp_path / "a", 30_000, 3, seed=7)
    second = synthetic.write_world(tmp_path / "b", 30_000, 3, seed=7)
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert digest(first) == digest(second)
    frames = [pd.read_parquet(p) for p in first]
    assert sum(len(f) for f in frames) == 30_000 and [len(f) for f in frames] == [10_000] * 3
    frame = frames[0]
    assert list(frame.columns) == COLUMNS and frame["ref_area"].nunique() == 1
    assert frame["survey"].iloc[0].startswith("SYNTHETIC")
    _, rejected = split_valid(frame.assign(line=range(1, len(frame) + 1)), Respondent, file_label="x")
    assert rejected.empty
    skills = frame["skill_cmfl"]
    assert skills[frame["age"] < 15].isna().all() and skills[frame["age"] >= 15].notna().all()


@pytest.mark.slow
def test_scaled_release_holds_one_vintage_of_every_demo_file_per_scale(tmp_path):
    build_scaled_release(tmp_path, "x2", 2)
    entries = manifest.verify(tmp_path, "x2")
    by_vintage = {}
    for e in entries:
        by_vintage.setdefault(e.path.split("/")[0], []).append((e.path.split("/", 1)[1], e.format))
    assert sorted(by_vintage) == ["vintage_01", "vintage_02"]
    assert by_vintage["vintage_01"] == by_vintage["vintage_02"]          # same files and formats in each vintage
    data = [f for f in by_vintage["vintage_01"] if f[1] != manifest.DOCUMENTATION]
    assert len(data) >= 20 and {"itu_datahub_csv", "wdi_wide_csv", "un_sdg_api_csv"} <= {f for _, f in data}
    checksum = {e.path: e.sha256 for e in entries}
    first = data[0][0]
    assert checksum[f"vintage_01/{first}"] != checksum[f"vintage_02/{first}"]   # own seed each: other values
