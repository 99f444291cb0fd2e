"""Economies are placed once per distinct (code, name) pair (_common.resolve_areas), each row keeping what its own
code and name say: the same ISO3s, exclusions and quarantine records as placing every row by itself."""
import numpy as np
import pandas as pd

from pipelines.ingest._common import place_area, resolve_areas


def test_each_row_is_placed_as_it_would_be_alone():
    frame = pd.DataFrame({"code": ["KEN", "WLD", "KEN", None, np.nan, "", "XYZ", "ken "],
                          "name": ["Kenya", "World", "Kenya", None, "Uganda", "Uganda", None, None],
                          "line": range(2, 10)}, dtype=object)
    located, held = resolve_areas(frame, "code", "f.csv", name_column="name")
    alone = [place_area(code, name) for code, name in zip(frame["code"], frame["name"])]
    assert located["line"].tolist() == [line for line, (_, kind) in zip(frame["line"], alone) if kind == "economy"]
    assert located["ref_area"].tolist() == [iso3 for iso3, kind in alone if kind == "economy"]
    assert located["ref_area"].tolist() == ["KEN", "KEN", "UGA", "UGA", "KEN"]
    records = held[["line", "column", "rule", "value", "severity"]].astype(object).where(held.notna(), None)
    assert records.values.tolist() == [
        [3, "code", "not_an_economy", "WLD", "excluded"],
        [5, "name", "unknown_economy", None, "error"],       # no code and no name: nothing to show but None
        [8, "code", "unknown_economy", "XYZ", "error"]]


def test_without_a_name_column_codes_alone_decide():
    frame = pd.DataFrame({"code": ["KEN", "XYZ", "KEN"], "line": [2, 3, 4]})
    located, held = resolve_areas(frame, "code", "f.csv")
    assert located["ref_area"].tolist() == ["KEN", "KEN"] and held["line"].tolist() == [3]
